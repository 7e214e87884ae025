// Map: offline country outlines (vendored Natural Earth), optional OSM tiles, one circle per place.
import { el, getJSON, root, scoreColour } from "./api.js";

let map = null;
let points = null;
let ready = null;

// Leaflet is loaded only when the map is first shown, so it never delays the first view.
function loadLeaflet() {
  if (window.L) return Promise.resolve();
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = `${root}/static/vendor/leaflet/leaflet.css`;
  document.head.appendChild(css);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = `${root}/static/vendor/leaflet/leaflet.js`;
    script.onload = resolve;
    script.onerror = () => reject(new Error("could not load the map library"));
    document.head.appendChild(script);
  });
}

async function createMap() {
  await loadLeaflet();
  map = L.map("map-canvas", { worldCopyJump: true, minZoom: 1 }).setView([25, 20], 2);
  const outline = await fetch(`${root}/static/vendor/world/countries-110m.geojson`).then((r) => r.json());
  const offline = L.geoJSON(outline, {
    style: { color: "#7d8a96", weight: 0.6, fillColor: "#eef0ea", fillOpacity: 1 },
  });
  // Tiles only when asked for: the UI must work, and stay quiet, with no network at all.
  const street = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18, attribution: "&copy; OpenStreetMap contributors",
  });
  offline.addTo(map);
  L.control.layers({ "Country outlines (offline)": offline, "OpenStreetMap (online)": street }).addTo(map);
  points = L.layerGroup().addTo(map);
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {
    const box = el("div", { class: "map-legend", id: "map-legend" });
    box.innerHTML = '<svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="5" fill="#c0392b"/></svg> town, city or site<br>'
      + '<svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="5" fill="none" stroke="#c0392b" stroke-width="2" stroke-dasharray="3 2"/></svg> only a country or region known (drawn at its centre)<br>'
      + "Size: events; colour: mean score, red conflict to blue cooperation";
    return box;
  };
  legend.addTo(map);
}

export async function drawMap(filters, { applyFilters }) {
  // Views may be drawn twice in quick succession (hash change, then filters); build once.
  ready = ready || createMap();
  await ready;
  map.invalidateSize();
  const body = await getJSON("aggregates/places", { ...filters, limit: 2000 });
  points.clearLayers();
  const maxCount = Math.max(...body.places.map((p) => p.count), 1);
  const bounds = [];
  for (const place of body.places) {
    // Smaller circles when there are many places, so a busy map stays readable.
    const crowding = Math.min(1, Math.sqrt(40 / Math.max(body.places.length, 1)));
    const radius = 3 + 18 * crowding * Math.sqrt(place.count / maxCount);
    // Events placed only on a country's or region's centre are hollow dashed rings, so nobody
    // reads the centroid as the spot where they happened.
    const centroid = place.precision === "country" || place.precision === "region";
    const marker = L.circleMarker([place.lat, place.lon], centroid
      ? { radius, color: scoreColour(place.escalation), weight: 2, dashArray: "4 3", fillOpacity: 0.15,
          fillColor: scoreColour(place.escalation), className: "centroid" }
      : { radius, color: "#fff", weight: 1, fillColor: scoreColour(place.escalation), fillOpacity: 0.8,
          className: "point" });
    const popup = el("div");
    popup.appendChild(el("strong", {}, place.name));
    popup.appendChild(el("div", {}, `${place.count} event${place.count === 1 ? "" : "s"}`
      + (place.escalation === null ? "" : `, mean score ${place.escalation.toFixed(1)}`)));
    const filter = el("button", { type: "button" }, "Show these events");
    filter.addEventListener("click", () => {
      window.location.hash = "list";
      applyFilters({ ...filters, place: place.name });
    });
    popup.appendChild(filter);
    marker.bindPopup(popup);
    const label = `${place.name}${centroid ? ` (${place.precision} centre)` : ""}: ${place.count}`;
    marker.bindTooltip(label);
    marker.addTo(points);
    // SVG circles are not focusable by default: make each one a keyboard button.
    const node = marker.getElement();
    if (node) {
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      node.setAttribute("aria-label", `${label} event${place.count === 1 ? "" : "s"}`);
      node.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); marker.openPopup(); }
      });
    }
    bounds.push([place.lat, place.lon]);
  }
  if (bounds.length) map.fitBounds(bounds, { maxZoom: 7, padding: [30, 30] });
  const located = body.places.reduce((sum, p) => sum + p.count, 0);
  const centred = body.places.filter((p) => p.precision === "country" || p.precision === "region")
    .reduce((sum, p) => sum + p.count, 0);
  return `${located} located events at ${body.places.length} places`
    + (centred ? ` (${centred} only to a country or region)` : "");
}
