// The event list: a table of the events matching the filters, paged with the API's cursor.
import { apiUrl, el, getJSON, root } from "./api.js";

function actorCell(actor) {
  if (!actor) return "—";
  return actor.country && actor.country !== actor.name ? `${actor.name} (${actor.country})` : actor.name;
}

function row(event) {
  const tr = document.createElement("tr");
  tr.appendChild(el("td", {}, event.date ? event.date.start : "—"));
  const typeCell = el("td");
  typeCell.appendChild(el("span", { class: `type type-${event.event_type.toLowerCase()}` }, event.event_type));
  if (event.mode) typeCell.appendChild(el("div", { class: "mode" }, event.mode));
  tr.appendChild(typeCell);
  tr.appendChild(el("td", {}, actorCell(event.actor)));
  tr.appendChild(el("td", {}, actorCell(event.recipient)));
  tr.appendChild(el("td", {}, event.location ? event.location.name : "—"));
  tr.appendChild(el("td", {}, event.dead ?? "—"));
  const evidence = el("td", { class: "evidence" });
  const link = el("a", { href: `${root}/events/${encodeURIComponent(event.id)}` }, event.evidence.text);
  evidence.appendChild(link);
  tr.appendChild(evidence);
  return tr;
}

export async function drawList(filters) {
  const body = document.querySelector("#event-table tbody");
  const more = document.getElementById("more");
  body.replaceChildren();
  for (const link of document.querySelectorAll("[data-export]")) {
    link.href = apiUrl(`export/${link.dataset.export}`, filters);
  }
  let shown = 0;
  const load = async (cursor) => {
    const page = await getJSON("events", { ...filters, limit: 50, cursor });
    for (const event of page.events) body.appendChild(row(event));
    shown += page.events.length;
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
    empty.appendChild(el("td", { colspan: "7" }, "No events match these filters."));
    body.appendChild(empty);
  }
  return `${shown} event${shown === 1 ? "" : "s"} shown${more.hidden ? "" : " (more available)"}`;
}
