// Fetch helpers and the filter state shared by every view (kept in the page's query string).
const config = JSON.parse(document.getElementById("config")?.textContent || "{}");
export const root = config.root || "";

export const FILTER_NAMES = ["type", "actor", "recipient", "actor_id", "recipient_id", "country",
  "actor_country", "recipient_country", "place_country", "qualifier", "place", "start", "end",
  "min_confidence", "q", "merged"];

export function currentFilters() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function apiUrl(path, params = {}) {
  return `${root}/api/${path}${query(params)}`;
}

export async function getJSON(path, params = {}) {
  const response = await fetch(apiUrl(path, params), { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    } catch (_) { /* keep the status text */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}

export const TYPE_COLOURS = {
  AGREE: "#4e79a7", CONSULT: "#76b7b2", SUPPORT: "#59a14f", CONCEDE: "#8cd17d", COOPERATE: "#2f8f5b",
  AID: "#a0cbe8", RETREAT: "#b6992d", REQUEST: "#f1ce63", ACCUSE: "#ff9d9a", REJECT: "#d37295",
  THREATEN: "#fabfd2", PROTEST: "#b07aa1", SANCTION: "#9d7660", MOBILIZE: "#f28e2b",
  COERCE: "#e15759", ASSAULT: "#8b1a1a",
};

// Conflict (-10) red through grey to cooperation (+10) blue.
export function scoreColour(score) {
  if (score === null || score === undefined) return "#8a949e";
  const t = Math.max(-1, Math.min(1, score / 10));
  const grey = [150, 156, 163];
  const end = t < 0 ? [192, 57, 43] : [31, 111, 181];
  const mix = grey.map((g, i) => Math.round(g + (end[i] - g) * Math.abs(t)));
  return `rgb(${mix.join(",")})`;
}

export function svg(tag, attributes = {}, parent = null) {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (parent) parent.appendChild(element);
  return element;
}

export function el(tag, attributes = {}, text = null) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== null) element.textContent = text;
  return element;
}
