// The onion as SVG, drawn from a layout. Text goes in as text nodes only.

import { s } from "../dom.js";
import { FREQUENCY, GAP_KIND, RING, SUPPORT_KIND, hours, listed } from "../words.js";
import { DOT, LINE, firstBaseline, layOut } from "./layout.js";

/**
 * @typedef {{kind: string, severity: string, explanation: string,
 *            subjects: {__typename: string, id: string}[]}} Gap
 * @typedef {{severity: string, kinds: Set<string>}} Mark
 */

const SEVERITY_ORDER = ["HIGH", "MEDIUM", "LOW"];

// Which gaps are drawn on which things: a need is marked when nobody or only
// one person helps with it; a person when too much rests on her. The needs of
// an overloaded carer are fine in themselves and are not marked.
const MARKED = {
  Need: new Set(["UNCOVERED_NEED", "SINGLE_SUPPORTER"]),
  Member: new Set(["OVERLOADED_CARER", "SINGLE_POINT_OF_FAILURE"]),
};

/**
 * The worst gap each person or need is marked with.
 * @param {Gap[]} gaps
 * @returns {Map<string, Mark>}
 */
export function marksOf(gaps) {
  /** @type {Map<string, Mark>} */
  const marks = new Map();
  for (const gap of gaps) {
    for (const subject of gap.subjects) {
      const marked = MARKED[/** @type {keyof typeof MARKED} */ (subject.__typename)];
      if (!marked?.has(gap.kind)) continue;
      const key = `${subject.__typename}:${subject.id}`;
      const mark = marks.get(key) ?? { severity: "LOW", kinds: new Set() };
      if (SEVERITY_ORDER.indexOf(gap.severity) < SEVERITY_ORDER.indexOf(mark.severity)) {
        mark.severity = gap.severity;
      }
      mark.kinds.add(gap.kind);
      marks.set(key, mark);
    }
  }
  return marks;
}

/** @param {string} name */
function initials(name) {
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  const picked = words.length >= 2 ? [words[0], words.at(-1)] : name.split(/\s+/).slice(0, 2);
  return picked
    .map((w) => (w ? [...w][0] : ""))
    .join("")
    .toUpperCase();
}

/**
 * @param {any} client  the client as the CLIENT query loads her
 * @param {{onPerson?: (id: string) => void, onNeed?: (id: string) => void}} [actions]
 * @returns {SVGElement}
 */
export function drawOnion(client, actions = {}) {
  const marks = marksOf(client.gaps);
  /** @type {Gap[]} */
  const gaps = client.gaps;
  const overloaded = new Set(
    gaps
      .filter((g) => g.kind === "OVERLOADED_CARER")
      .flatMap((g) => g.subjects)
      .filter((subject) => subject.__typename === "Member")
      .map((subject) => subject.id),
  );
  const layout = layOut(client, overloaded);
  const members = new Map(client.members.map((/** @type {any} */ m) => [m.id, m]));
  const needs = new Map(client.needs.map((/** @type {any} */ n) => [n.id, n]));
  const { viewBox: vb } = layout;

  const uncovered = client.gaps.filter((/** @type {Gap} */ g) => g.kind === "UNCOVERED_NEED");
  const summary =
    `${client.name}: ${client.members.length} people around her, ` +
    `${layout.needs.length} active needs, ${uncovered.length} of them without help.`;

  const svg = s(
    "svg",
    {
      class: "onion",
      viewBox: `${vb.x0} ${vb.y0} ${vb.x1 - vb.x0} ${vb.y1 - vb.y0}`,
      role: "img",
      "aria-labelledby": "onion-title onion-desc",
      preserveAspectRatio: "xMidYMid meet",
    },
    s("title", { id: "onion-title" }, `The onion of ${client.name}`),
    s("desc", { id: "onion-desc" }, summary),
  );

  // Bands from the outside in, so each inner one lies on top.
  for (const band of [...layout.bands].reverse()) {
    svg.append(
      s("circle", {
        class: `band band--${band.ring.toLowerCase()}`,
        cx: layout.cx,
        cy: layout.cy,
        r: band.outer,
      }),
    );
  }
  svg.append(s("circle", { class: "zone", cx: layout.cx, cy: layout.cy, r: layout.zone }));
  for (const band of layout.bands) {
    svg.append(
      s(
        "text",
        { class: "band-title", x: band.title.x, y: band.title.y, "text-anchor": "middle" },
        RING[band.ring].toUpperCase(),
      ),
    );
  }

  const lines = s("g", { class: "lines" });
  for (const line of layout.lines) {
    const person = members.get(line.personId);
    const need = needs.get(line.needId);
    const support = need.supporters.find(
      (/** @type {any} */ t) => t.supporter.id === line.personId && t.status === "ACTIVE",
    );
    const how = [
      SUPPORT_KIND[support?.kind] ?? "",
      FREQUENCY[support?.frequency] ?? "",
      hours(line.hours),
    ].filter(Boolean);
    lines.append(
      s(
        "line",
        {
          class: `tie tie--${person.ring.toLowerCase()}`,
          x1: line.x1,
          y1: line.y1,
          x2: line.x2,
          y2: line.y2,
          "stroke-width": (1.5 + Math.min(line.hours, 20) / 5).toFixed(2),
          "data-node-id": line.personId,
          "data-need-id": line.needId,
        },
        s("title", {}, `${person.displayName} helps with ${need.displayName}: ${listed(how)}`),
      ),
    );
  }
  svg.append(lines);

  svg.append(
    s(
      "text",
      { class: "client-name", x: layout.title.x, y: layout.title.y, "text-anchor": "middle" },
      client.name,
    ),
  );
  if (layout.needs.length === 0) {
    svg.append(
      s(
        "text",
        { class: "no-needs", x: layout.cx, y: layout.title.y + 36, "text-anchor": "middle" },
        "No active needs recorded",
      ),
    );
  }

  for (const place of layout.needs) {
    const mark = marks.get(`Need:${place.id}`);
    const isUncovered = mark?.kinds.has("UNCOVERED_NEED") ?? false;
    const state = isUncovered ? "uncovered" : mark ? `mark-${mark.severity.toLowerCase()}` : "ok";
    const kinds = mark ? [...mark.kinds].map((k) => GAP_KIND[k] ?? k) : [];
    const group = s(
      "g",
      { class: `need need--${state}`, "data-node-id": place.id },
      s("title", {}, [place.full, ...kinds].join(" — ")),
      s("rect", {
        x: place.x,
        y: place.y,
        width: place.width,
        height: place.height,
        rx: place.height / 2,
      }),
    );
    let textX = place.x + 12;
    if (isUncovered) {
      group.append(
        s("circle", { class: "alert-dot", cx: place.x + 14, cy: place.y + place.height / 2, r: 8 }),
        s(
          "text",
          {
            class: "alert-mark",
            x: place.x + 14,
            y: place.y + place.height / 2 + 4,
            "text-anchor": "middle",
          },
          "!",
        ),
      );
      textX = place.x + 28;
    }
    group.append(
      s(
        "text",
        { class: "need-label", x: textX, y: place.y + place.height / 2 + 4.5 },
        place.label,
      ),
    );
    if (actions.onNeed) {
      const open = actions.onNeed;
      group.addEventListener("click", () => open(place.id));
    }
    svg.append(group);
  }

  for (const place of layout.people) {
    const mark = marks.get(`Member:${place.id}`);
    const kinds = mark ? [...mark.kinds].map((k) => GAP_KIND[k] ?? k) : [];
    const classes = ["person", `person--${place.ring.toLowerCase()}`];
    if (mark) classes.push(`mark-${mark.severity.toLowerCase()}`);
    const group = s(
      "g",
      { class: classes.join(" "), "data-node-id": place.id },
      s("title", {}, [place.full, place.sub, ...kinds].filter(Boolean).join(" — ")),
    );
    if (mark) group.append(s("circle", { class: "halo", cx: place.x, cy: place.y, r: DOT + 5 }));
    group.append(
      s("circle", { class: "dot", cx: place.x, cy: place.y, r: DOT }),
      s(
        "text",
        { class: "initials", x: place.x, y: place.y + 3, "text-anchor": "middle" },
        initials(place.full),
      ),
    );
    const lines = [
      ["person-name", place.name],
      ["person-sub", place.sub],
      ["overloaded", overloaded.has(place.id) ? "overloaded" : ""],
    ].filter(([, words]) => words);
    const first = firstBaseline(place.y, layout.cy, lines.length);
    lines.forEach(([kind, words], i) => {
      group.append(
        s("text", { class: kind, x: place.x, y: first + i * LINE, "text-anchor": "middle" }, words),
      );
    });
    if (actions.onPerson) {
      const open = actions.onPerson;
      group.addEventListener("click", () => open(place.id));
    }
    svg.append(group);
  }
  return svg;
}
