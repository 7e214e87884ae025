// Actor network: who acts on whom, laid out by a small force simulation drawn in SVG.
import { el, getJSON, scoreColour, svg } from "./api.js";

// Set from the container when drawing, so labels keep their size on a phone.
let WIDTH = 900, HEIGHT = 560;

function layout(nodes, edges) {
  // Fruchterman-Reingold style: springs along edges, repulsion between all nodes, cooling.
  const k = Math.sqrt((WIDTH * HEIGHT) / Math.max(nodes.length, 1)) * 0.5;
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    node.x = WIDTH / 2 + (WIDTH / 3) * Math.cos(angle);
    node.y = HEIGHT / 2 + (HEIGHT / 3) * Math.sin(angle);
  });
  let temperature = WIDTH / 8;
  for (let step = 0; step < 250; step++) {
    for (const node of nodes) { node.dx = 0; node.dy = 0; }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const distance = Math.max(Math.hypot(dx, dy), 0.01);
        const force = (k * k) / distance;
        dx /= distance; dy /= distance;
        a.dx += dx * force; a.dy += dy * force; b.dx -= dx * force; b.dy -= dy * force;
      }
    }
    for (const edge of edges) {
      const a = edge.from, b = edge.to;
      let dx = a.x - b.x, dy = a.y - b.y;
      const distance = Math.max(Math.hypot(dx, dy), 0.01);
      const force = (distance * distance) / k;
      dx /= distance; dy /= distance;
      a.dx -= dx * force; a.dy -= dy * force; b.dx += dx * force; b.dy += dy * force;
    }
    for (const node of nodes) {
      // A pull to the centre, growing with distance like a weak spring, keeps separate
      // components (common in news data) together instead of pinned to the edges.
      const cx = WIDTH / 2 - node.x, cy = HEIGHT / 2 - node.y;
      const fromCentre = Math.hypot(cx, cy);
      node.dx += (cx * fromCentre) / (k * 3);
      node.dy += (cy * fromCentre) / (k * 2.5);
      const length = Math.max(Math.hypot(node.dx, node.dy), 0.01);
      node.x += (node.dx / length) * Math.min(length, temperature);
      node.y += (node.dy / length) * Math.min(length, temperature);
      node.x = Math.min(WIDTH - 30, Math.max(30, node.x));
      node.y = Math.min(HEIGHT - 30, Math.max(30, node.y));
    }
    temperature *= 0.98;
  }
}

export async function drawNetwork(filters, { applyFilters }) {
  const body = await getJSON("aggregates/dyads", { ...filters, limit: 80 });
  const chart = document.getElementById("network-chart");
  WIDTH = Math.max(320, Math.min(1200, chart.clientWidth || 900));
  HEIGHT = Math.round(Math.max(360, Math.min(600, WIDTH * 0.62)));
  chart.replaceChildren();
  if (!body.dyads.length) {
    chart.appendChild(el("p", {}, "No events with both an actor and a recipient match these filters."));
    return "";
  }
  const byName = new Map();
  // A generic actor ("civilians") is one node per country: its label names the country, and
  // choosing it filters on name and country together.
  const node = (name, filterName, country) => {
    if (!byName.has(name)) byName.set(name, { name, filterName: filterName || name, country, weight: 0 });
    return byName.get(name);
  };
  const edges = body.dyads.map((dyad) => {
    const edge = { from: node(dyad.actor, dyad.actor_name, dyad.actor_country),
      to: node(dyad.recipient, dyad.recipient_name, dyad.recipient_country),
      count: dyad.count, score: dyad.escalation };
    edge.from.weight += dyad.count; edge.to.weight += dyad.count;
    return edge;
  });
  const nodes = [...byName.values()];
  layout(nodes, edges);
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "group",
    "aria-label": `Network of ${nodes.length} actors and ${edges.length} relations` }, chart);
  const defs = svg("defs", {}, root);
  // Fixed-size arrow heads (userSpaceOnUse), so thick edges do not get huge arrows.
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
    markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" }, defs);
  svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#555" }, marker);
  const maxCount = Math.max(...edges.map((e) => e.count));
  const maxWeight = Math.max(...nodes.map((n) => n.weight));
  const radius = (n) => 5 + 12 * Math.sqrt(n.weight / maxWeight);
  for (const edge of edges) {
    const dx = edge.to.x - edge.from.x, dy = edge.to.y - edge.from.y;
    const distance = Math.max(Math.hypot(dx, dy), 0.01);
    // Bend every edge to its left, so A -> B and B -> A are drawn apart.
    const bend = Math.min(40, distance / 5);
    const cx = (edge.from.x + edge.to.x) / 2 - (dy / distance) * bend;
    const cy = (edge.from.y + edge.to.y) / 2 + (dx / distance) * bend;
    const ex = edge.to.x - cx, ey = edge.to.y - cy, el2 = Math.max(Math.hypot(ex, ey), 0.01);
    const tx = edge.to.x - (ex / el2) * (radius(edge.to) + 2), ty = edge.to.y - (ey / el2) * (radius(edge.to) + 2);
    const line = svg("path", {
      d: `M${edge.from.x.toFixed(1)},${edge.from.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`,
      fill: "none", stroke: scoreColour(edge.score), "stroke-opacity": 0.8,
      "stroke-width": 1.5 + 6 * (edge.count / maxCount), "marker-end": "url(#arrow)" }, root);
    // An edge opens the list of the events between its two actors.
    line.style.cursor = "pointer";
    line.addEventListener("click", () => {
      window.location.hash = "list";
      const chosen = { ...filters, actor: edge.from.filterName, recipient: edge.to.filterName };
      if (edge.from.country) chosen.actor_country = edge.from.country;
      if (edge.to.country) chosen.recipient_country = edge.to.country;
      applyFilters(chosen);
    });
    svg("title", {}, line).textContent = `${edge.from.name} → ${edge.to.name}: ${edge.count} events`
      + (edge.score === null ? "" : `, mean score ${edge.score.toFixed(1)}`);
  }
  for (const item of nodes) {
    const group = svg("g", { class: "node", tabindex: 0, role: "button",
      transform: `translate(${item.x.toFixed(1)},${item.y.toFixed(1)})`,
      "aria-label": `${item.name}, ${item.weight} events; filter by this actor` }, root);
    svg("circle", { r: radius(item), fill: "#34495e" }, group);
    // Labels point away from the centre so those near the right edge stay inside the frame.
    const right = item.x < WIDTH * 0.6;
    svg("text", { x: right ? radius(item) + 3 : -radius(item) - 3, y: 4,
      "text-anchor": right ? "start" : "end" }, group).textContent = item.name;
    const choose = () => {
      window.location.hash = "list";
      const chosen = { ...filters, actor: item.filterName };
      if (item.country) chosen.actor_country = item.country;
      applyFilters(chosen);
    };
    group.addEventListener("click", choose);
    group.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); choose(); }
    });
  }
  return `${nodes.length} actors, ${edges.length} relations`;
}
