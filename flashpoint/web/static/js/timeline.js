// Timeline: stacked bars of events per period by type, and the mean conflict-cooperation score.
import { el, getJSON, svg, TYPE_COLOURS } from "./api.js";

const HEIGHT = 320, PAD = { left: 40, right: 40, top: 12, bottom: 36 };

export async function drawTimeline(filters, { setStatus } = {}) {
  const interval = document.getElementById("interval");
  // The bucket lives in the URL beside the filters, so a shared link shows the same chart.
  interval.value = new URLSearchParams(window.location.search).get("interval") || "";
  interval.onchange = async () => {
    const params = new URLSearchParams(window.location.search);
    if (interval.value) params.set("interval", interval.value);
    else params.delete("interval");
    const text = params.toString();
    history.replaceState(null, "", `${text ? `?${text}` : window.location.pathname}${window.location.hash}`);
    try {
      const summary = await drawTimeline(filters, { setStatus });
      if (setStatus) setStatus(summary);
    } catch (error) {
      if (setStatus) setStatus(`Could not load: ${error.message}`, true);
    }
  };
  const body = await getJSON("aggregates/timeline", { ...filters, interval: interval.value });
  const chart = document.getElementById("timeline-chart");
  const legend = document.getElementById("timeline-legend");
  chart.replaceChildren();
  legend.replaceChildren();
  const buckets = body.buckets;
  // Drawn at the container's own width so text keeps its size on a phone.
  const WIDTH = Math.max(320, Math.min(1200, chart.clientWidth || 900));
  if (!buckets.length) {
    chart.appendChild(el("p", {}, "No dated events match these filters."));
    return "";
  }
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "aria-label": `Events per ${body.interval} by type, with the escalation score` }, chart);
  const plotW = WIDTH - PAD.left - PAD.right, plotH = HEIGHT - PAD.top - PAD.bottom;
  const maxCount = Math.max(...buckets.map((b) => b.total), 1);
  const step = plotW / buckets.length;
  const barW = Math.max(1, step * 0.85);
  const y = (count) => PAD.top + plotH - (count / maxCount) * plotH;
  const yScore = (score) => PAD.top + plotH / 2 - (score / 10) * (plotH / 2);

  for (const tick of [0, Math.round(maxCount / 2), maxCount]) {
    svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(tick), y2: y(tick), stroke: "#e3e7eb" }, root);
    svg("text", { x: PAD.left - 4, y: y(tick) + 4, "text-anchor": "end" }, root).textContent = tick;
  }
  for (const tick of [-10, 0, 10]) {
    svg("text", { x: WIDTH - PAD.right + 4, y: yScore(tick) + 4 }, root).textContent = tick > 0 ? `+${tick}` : tick;
  }
  const used = new Set();
  buckets.forEach((bucket, index) => {
    let base = 0;
    const x = PAD.left + index * step + (step - barW) / 2;
    for (const [type, count] of Object.entries(bucket.counts)) {
      used.add(type);
      const rect = svg("rect", { x, width: barW, y: y(base + count), height: Math.max(0.5, y(base) - y(base + count)),
        fill: TYPE_COLOURS[type] || "#999" }, root);
      svg("title", {}, rect).textContent = `${bucket.period}: ${count} ${type}`;
      base += count;
    }
  });
  const labelEvery = Math.ceil(buckets.length / Math.max(2, Math.floor(WIDTH / 110)));
  buckets.forEach((bucket, index) => {
    if (index % labelEvery) return;
    svg("text", { x: PAD.left + index * step + step / 2, y: HEIGHT - 18, "text-anchor": "middle" }, root)
      .textContent = bucket.period;
  });
  const points = buckets
    .map((bucket, index) => bucket.escalation === null ? null
      : `${(PAD.left + index * step + step / 2).toFixed(1)},${yScore(bucket.escalation).toFixed(1)}`)
    .filter(Boolean);
  if (points.length > 1) svg("polyline", { class: "escalation", points: points.join(" ") }, root);
  for (const point of points) {
    const [cx, cy] = point.split(",");
    svg("circle", { cx, cy, r: 2.5, fill: "#111" }, root);
  }
  for (const type of Object.keys(TYPE_COLOURS).filter((t) => used.has(t))) {
    const item = el("span");
    item.appendChild(el("span", { class: "swatch", style: `background:${TYPE_COLOURS[type]}` }));
    item.appendChild(document.createTextNode(type));
    legend.appendChild(item);
  }
  const total = buckets.reduce((sum, b) => sum + b.total, 0);
  return `${total} dated events in ${buckets.length} ${body.interval}s`;
}
