// The event list: a table of the events matching the filters, paged with the API's cursor.
import { apiUrl, el, getJSON, root } from "./api.js";

function actorCell(actor) {
  if (!actor) return "—";
  return actor.country && actor.country !== actor.name ? `${actor.name} (${actor.country})` : actor.name;
}

const LABELS = ["Date", "Type", "Actor", "Recipient", "Place", "Dead", "Injured", "Confidence",
  "Source", "Evidence"];

// Sort keys of the loaded rows; the API pages newest first, sorting reorders what is shown.
const SORT_KEYS = {
  date: (event) => event.date ? event.date.start : "",
  type: (event) => event.event_type,
  dead: (event) => event.dead ?? -1,
  confidence: (event) => event.confidence ?? -1,
};

function row(event) {
  const tr = el("tr", { class: "event-row" });
  tr.event = event;
  const when = el("td", {}, event.date ? event.date.start : "—");
  // A month-only date is not its first day: say how exact it is.
  if (event.date_precision && event.date_precision !== "day") {
    when.textContent = `${event.date.start.slice(0, event.date_precision === "year" ? 4 : event.date_precision === "month" ? 7 : 10)}`;
    when.appendChild(el("span", { class: "badge precision" }, event.date_precision));
  }
  tr.appendChild(when);
  const typeCell = el("td");
  typeCell.appendChild(el("span", { class: `type type-${event.event_type.toLowerCase()}` }, event.event_type));
  if (event.mode) typeCell.appendChild(el("div", { class: "mode" }, event.mode));
  for (const word of event.aux || []) typeCell.appendChild(el("span", { class: "badge qualifier" }, word));
  tr.appendChild(typeCell);
  tr.appendChild(el("td", {}, actorCell(event.actor)));
  tr.appendChild(el("td", {}, actorCell(event.recipient)));
  const where = el("td", {}, event.location ? event.location.name : "—");
  if (event.place_precision === "country" || event.place_precision === "region") {
    where.appendChild(el("span", { class: "badge precision" }, event.place_precision));
  }
  tr.appendChild(where);
  tr.appendChild(el("td", {}, event.dead ?? "—"));
  tr.appendChild(el("td", {}, event.injured ?? "—"));
  tr.appendChild(el("td", {}, event.confidence === null || event.confidence === undefined ? "—" : event.confidence.toFixed(2)));
  tr.appendChild(el("td", {}, (event.sources && event.sources.length > 1) ? `${event.doc_id} (+${event.sources.length - 1})` : event.doc_id));
  const evidence = el("td", { class: "evidence" });
  // The event page hands the filters back to its "All events" link.
  const link = el("a", { href: `${root}/events/${encodeURIComponent(event.id)}${window.location.search}` }, event.evidence.text);
  evidence.appendChild(link);
  tr.appendChild(evidence);
  // Phone cards label each field; and a click anywhere on the row opens the event.
  [...tr.children].forEach((cell, index) => cell.setAttribute("data-label", LABELS[index]));
  tr.addEventListener("click", (click) => {
    if (click.target.closest("a")) return;
    link.click();
  });
  return tr;
}

export async function drawList(filters, { setStatus } = {}) {
  const body = document.querySelector("#event-table tbody");
  const more = document.getElementById("more");
  body.replaceChildren();
  for (const link of document.querySelectorAll("[data-export]")) {
    link.href = apiUrl(`export/${link.dataset.export}`, filters);
  }
  setUpSorting(body);
  let shown = 0;
  let total = null;
  const summary = () => `showing ${shown} of ${total ?? shown} event${(total ?? shown) === 1 ? "" : "s"}`;
  const load = async (cursor) => {
    const page = await getJSON("events", { ...filters, limit: 50, cursor, total: cursor ? undefined : "true" });
    if (page.total !== undefined) total = page.total;
    for (const event of page.events) body.appendChild(row(event));
    shown += page.events.length;
    if (cursor && setStatus) setStatus(summary());
    more.hidden = !page.next_cursor;
    more.onclick = page.next_cursor
      ? async () => {
          more.disabled = true;
          try { await load(page.next_cursor); } finally { more.disabled = false; }
        }
      : null;
  };
  await load(null);
  if (!shown) {
    const empty = document.createElement("tr");
    empty.appendChild(el("td", { colspan: String(LABELS.length) }, "No events match these filters."));
    body.appendChild(empty);
  }
  return summary();
}

function setUpSorting(body) {
  for (const header of document.querySelectorAll("#event-table th[data-sort]")) {
    header.removeAttribute("aria-sort");
    header.querySelector("button").onclick = () => {
      const ascending = header.getAttribute("aria-sort") !== "ascending";
      for (const other of document.querySelectorAll("#event-table th[data-sort]")) other.removeAttribute("aria-sort");
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const key = SORT_KEYS[header.dataset.sort];
      const rows = [...body.querySelectorAll("tr.event-row")];
      rows.sort((a, b) => {
        const x = key(a.event), y = key(b.event);
        const order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      body.append(...rows);
    };
  }
}
