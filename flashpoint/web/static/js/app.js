// Page controller: the filter form, the view tabs, and which view draws when.
import { currentFilters, getJSON, query, FILTER_NAMES } from "./api.js";
import { drawTimeline } from "./timeline.js";
import { drawMap } from "./map.js";
import { drawNetwork } from "./network.js";
import { drawList } from "./list.js";

const VIEWS = { timeline: drawTimeline, map: drawMap, network: drawNetwork, list: drawList };
const form = document.getElementById("filters");
const status = document.getElementById("status");

export function setStatus(message, isError = false) {
  status.textContent = message;
  status.classList.toggle("error", isError);
}

function activeView() {
  const name = window.location.hash.replace("#", "");
  return name in VIEWS ? name : "timeline";
}

function fillForm() {
  const filters = currentFilters();
  for (const name of FILTER_NAMES) {
    const field = form.elements[name];
    if (!field) continue;
    if (field.type === "checkbox") field.checked = filters[name] === "true";
    else field.value = filters[name] || "";
  }
}

function readForm() {
  const filters = {};
  for (const name of FILTER_NAMES) {
    const field = form.elements[name];
    if (!field) continue;
    if (field.type === "checkbox") { if (field.checked) filters[name] = "true"; }
    else if (field.value.trim()) filters[name] = field.value.trim();
  }
  return filters;
}

export function applyFilters(filters) {
  // The timeline's bucket is a view setting, not a filter: it survives a change of filters.
  const interval = new URLSearchParams(window.location.search).get("interval");
  history.pushState(null, "", `${query({ ...filters, interval })}#${activeView()}`);
  fillForm();
  render();
}

let drawing = 0;
async function render() {
  const name = activeView();
  for (const view of Object.keys(VIEWS)) {
    const tab = document.getElementById(`tab-${view}`);
    const panel = document.getElementById(`view-${view}`);
    tab.setAttribute("aria-selected", String(view === name));
    tab.setAttribute("tabindex", view === name ? "0" : "-1");
    panel.hidden = view !== name;
  }
  const ticket = ++drawing;
  setStatus("Loading…");
  try {
    const summary = await VIEWS[name](currentFilters(), { applyFilters, setStatus });
    if (ticket === drawing) setStatus(summary || "");
  } catch (error) {
    if (ticket === drawing) setStatus(`Could not load: ${error.message}`, true);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  applyFilters(readForm());
});
form.addEventListener("reset", (event) => {
  event.preventDefault();
  applyFilters({});
});

// Arrow keys move between tabs, as the ARIA tabs pattern expects.
document.querySelector(".tabs").addEventListener("keydown", (event) => {
  if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
  const names = Object.keys(VIEWS);
  const step = event.key === "ArrowRight" ? 1 : -1;
  const next = names[(names.indexOf(activeView()) + step + names.length) % names.length];
  window.location.hash = next;
  document.getElementById(`tab-${next}`).focus();
});

window.addEventListener("hashchange", render);
window.addEventListener("popstate", () => { fillForm(); render(); });

async function loadActorNames() {
  const list = document.getElementById("actor-names");
  try {
    const body = await getJSON("actors", { limit: 200 });
    for (const actor of body.actors) {
      const option = document.createElement("option");
      option.value = actor.name;
      list.appendChild(option);
    }
  } catch (_) { /* suggestions are a convenience */ }
}

fillForm();
// On a phone the filters start folded (showing which are set), leaving the screen to the view.
if (window.matchMedia("(max-width: 48rem)").matches) {
  const box = document.getElementById("filter-box");
  box.open = false;
  const set = Object.keys(currentFilters());
  if (set.length) box.querySelector("summary").textContent = `Filters (${set.join(", ")})`;
}
// Actor suggestions wait for the first view, so its request is not queued behind theirs.
render().finally(loadActorNames);
