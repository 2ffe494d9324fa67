// The onion as SVG, drawn from a layout. Text goes in as text nodes only.
// Every person and need is a control of its own: reachable with Tab, named
// for a screen reader (who, which ring, what she helps with), opened with
// Enter or Space as with a tap.

import { s } from "../dom.js";
import { T } from "../i18n.js";
import { FREQUENCY, GAP_KIND, RING, SUPPORT_KIND, hours, listed, said } from "../words.js";
import { firstBaseline, fitLayout, measureTextWith } from "./layout.js";

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
export function initials(name) {
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  const picked = words.length >= 2 ? [words[0], words.at(-1)] : name.split(/\s+/).slice(0, 2);
  return picked
    .map((w) => (w ? [...w][0] : ""))
    .join("")
    .toUpperCase();
}

/**
 * A shape that acts as a button: Tab reaches it, Enter or Space opens it.
 * @param {SVGElement} group
 * @param {string} name
 * @param {(() => void) | undefined} open
 */
function actsAsButton(group, name, open) {
  group.setAttribute("aria-label", name);
  if (!open) {
    group.setAttribute("role", "img");
    return;
  }
  group.setAttribute("role", "button");
  group.setAttribute("tabindex", "0");
  group.addEventListener("click", () => open());
  group.addEventListener("keydown", (event) => {
    const key = /** @type {KeyboardEvent} */ (event).key;
    if (key !== "Enter" && key !== " ") return;
    event.preventDefault();
    open();
  });
}

/**
 * @typedef {{places: Map<string, number>,
 *            drawn?: {scale: number, labels: import("./layout.js").Labels, tall: boolean}}} OnionMemory
 */

/**
 * @param {any} client  the client as the CLIENT query loads her
 * @param {{onPerson?: (id: string) => void, onNeed?: (id: string) => void}} [actions]
 * @param {{width: number, height: number} | null} [room]  the CSS pixels it will be shown in
 * @param {OnionMemory} [memory]  where people were drawn before and how (text
 *   scale, labels, height); updated with where they are now
 * @returns {SVGElement}
 */
export function drawOnion(client, actions = {}, room = null, memory = undefined) {
  measureInThePage();
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
  const layout = fitLayout(client, overloaded, room, memory?.places, memory?.drawn);
  if (memory && room) {
    memory.drawn = { scale: layout.sizes.scale, labels: layout.labels, tall: layout.tall };
    for (const p of layout.people) memory.places.set(p.id, p.angle);
  }
  const { sizes } = layout;
  const members = new Map(client.members.map((/** @type {any} */ m) => [m.id, m]));
  const needs = new Map(client.needs.map((/** @type {any} */ n) => [n.id, n]));
  const { viewBox: vb } = layout;

  /** @type {Map<string, string[]>} */
  const helpsWith = new Map();
  for (const need of client.needs) {
    if (need.status !== "ACTIVE") continue;
    for (const tie of need.supporters) {
      if (tie.status !== "ACTIVE") continue;
      helpsWith.set(tie.supporter.id, [
        ...(helpsWith.get(tie.supporter.id) ?? []),
        need.displayName,
      ]);
    }
  }

  const uncovered = client.gaps.filter((/** @type {Gap} */ g) => g.kind === "UNCOVERED_NEED");
  const summary = T.onionSummary(
    client.name,
    client.members.length,
    layout.needs.length,
    uncovered.length,
  );

  const svg = s(
    "svg",
    {
      class: layout.tall ? "onion onion--tall" : "onion",
      "data-labels": layout.labels,
      // the width it was laid out for: a test waits for the onion of the room it has
      "data-room-width": room ? Math.round(room.width) : null,
      viewBox: `${vb.x0} ${vb.y0} ${vb.x1 - vb.x0} ${vb.y1 - vb.y0}`,
      role: "group",
      "aria-labelledby": "onion-title",
      "aria-describedby": "onion-desc",
      preserveAspectRatio: "xMidYMid meet",
      "data-text-scale": sizes.scale.toFixed(3),
    },
    s("title", { id: "onion-title" }, T.onionTitle(client.name)),
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
        "aria-hidden": "true",
      }),
    );
  }
  svg.append(
    s("circle", {
      class: "zone",
      cx: layout.cx,
      cy: layout.cy,
      r: layout.zone,
      "aria-hidden": "true",
    }),
  );
  for (const band of layout.bands) {
    svg.append(
      s(
        "text",
        {
          class: "band-title",
          x: band.title.x,
          y: band.title.y,
          "text-anchor": "middle",
          "font-size": sizes.font.title.toFixed(2),
          "aria-hidden": "true",
        },
        RING[band.ring].toUpperCase(),
      ),
    );
  }

  const lines = s("g", { class: "lines", "aria-hidden": "true" });
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
          "stroke-width": ((1.5 + Math.min(line.hours, 20) / 5) * Math.sqrt(sizes.scale)).toFixed(
            2,
          ),
          "data-node-id": line.personId,
          "data-need-id": line.needId,
        },
        s("title", {}, T.helpsWithLine(person.displayName, need.displayName, listed(how))),
      ),
    );
  }
  svg.append(lines);

  svg.append(
    s(
      "text",
      {
        class: "client-name",
        x: layout.title.x,
        y: layout.title.y,
        "text-anchor": "middle",
        "font-size": sizes.font.client.toFixed(2),
      },
      client.name,
    ),
  );
  if (layout.needs.length === 0) {
    svg.append(
      s(
        "text",
        {
          class: "no-needs",
          x: layout.cx,
          y: layout.title.y + 36 * sizes.scale,
          "text-anchor": "middle",
          "font-size": sizes.font.need.toFixed(2),
        },
        T.noNeedsRecorded,
      ),
    );
  }

  for (const place of layout.needs) {
    const mark = marks.get(`Need:${place.id}`);
    const isUncovered = mark?.kinds.has("UNCOVERED_NEED") ?? false;
    const isSingle = mark?.kinds.has("SINGLE_SUPPORTER") ?? false;
    const state = isUncovered ? "uncovered" : mark ? `mark-${mark.severity.toLowerCase()}` : "ok";
    const kinds = mark ? [...mark.kinds].map((k) => GAP_KIND[k] ?? k) : [];
    const need = needs.get(place.id);
    const helpers = need.supporters
      .filter((/** @type {any} */ t) => t.status === "ACTIVE")
      .map((/** @type {any} */ t) => members.get(t.supporter.id)?.displayName)
      .filter(Boolean);
    const group = s(
      "g",
      {
        class: `need need--${state}${isSingle ? " need--single" : ""}`,
        "data-node-id": place.id,
      },
      s("title", {}, [place.full, ...kinds].join(" — ")),
      s("rect", {
        x: place.x,
        y: place.y,
        width: place.width,
        height: place.height,
        rx: place.height / 2,
      }),
    );
    let textX = place.x + 12 * sizes.scale;
    if (isUncovered) {
      const r = 8 * sizes.scale;
      group.append(
        s("circle", {
          class: "alert-dot",
          cx: place.x + 6 + r,
          cy: place.y + place.height / 2,
          r,
        }),
        s(
          "text",
          {
            class: "alert-mark",
            x: place.x + 6 + r,
            y: place.y + place.height / 2 + sizes.font.need * 0.35,
            "text-anchor": "middle",
            "font-size": sizes.font.need.toFixed(2),
          },
          "!",
        ),
      );
      textX = place.x + 10 + 2 * r;
    }
    group.append(
      s(
        "text",
        {
          class: "need-label",
          x: textX,
          y: place.y + place.height / 2 + sizes.font.need * 0.35,
          "font-size": sizes.font.need.toFixed(2),
        },
        place.label,
      ),
    );
    actsAsButton(
      group,
      T.needShape(place.full, listed(helpers), kinds.join(", ")),
      actions.onNeed ? () => actions.onNeed?.(place.id) : undefined,
    );
    svg.append(group);
  }

  for (const place of layout.people) {
    const mark = marks.get(`Member:${place.id}`);
    const kinds = mark ? [...mark.kinds].map((k) => GAP_KIND[k] ?? k) : [];
    const classes = ["person", `person--${place.ring.toLowerCase()}`];
    if (mark) classes.push(`mark-${mark.severity.toLowerCase()}`);
    if (mark?.kinds.has("OVERLOADED_CARER")) classes.push("mark-overloaded");
    else if (mark?.kinds.has("SINGLE_POINT_OF_FAILURE")) classes.push("mark-rests");
    const group = s(
      "g",
      { class: classes.join(" "), "data-node-id": place.id },
      s("title", {}, [place.full, relationOf(members.get(place.id)), ...kinds].filter(Boolean).join(" — ")),
      s("circle", { class: "hit", cx: place.x, cy: place.y, r: sizes.hit }),
    );
    if (mark) {
      group.append(
        s("circle", { class: "halo", cx: place.x, cy: place.y, r: sizes.dot + 5 * sizes.scale }),
      );
    }
    group.append(
      s("circle", { class: "dot", cx: place.x, cy: place.y, r: sizes.dot }),
      s(
        "text",
        {
          class: "initials",
          x: place.x,
          y: place.y + sizes.font.initials * 0.35,
          "text-anchor": "middle",
          "font-size": sizes.font.initials.toFixed(2),
          "aria-hidden": "true",
        },
        initials(place.full),
      ),
    );
    const words = /** @type {[string, string, number][]} */ (
      [
        ["person-name", place.name, sizes.font.name],
        ["person-sub", place.sub, sizes.font.sub],
        ["overloaded", overloaded.has(place.id) ? T.overloaded : "", sizes.font.sub],
      ].filter(([, text]) => text)
    );
    const first = firstBaseline(place.y, layout.cy, words.length, sizes);
    words.forEach(([kind, text, size], i) => {
      group.append(
        s(
          "text",
          {
            class: kind,
            x: place.x,
            y: first + i * sizes.line,
            "text-anchor": "middle",
            "font-size": size.toFixed(2),
          },
          text,
        ),
      );
    });
    const member = members.get(place.id);
    actsAsButton(
      group,
      T.personShape(
        place.full,
        RING[place.ring],
        relationOf(member),
        listed(helpsWith.get(place.id) ?? []),
        kinds.join(", "),
      ),
      actions.onPerson ? () => actions.onPerson?.(place.id) : undefined,
    );
    svg.append(group);
  }
  return svg;
}

/**
 * How a person is related to the client, or her role.
 * @param {any} member
 * @returns {string}
 */
function relationOf(member) {
  return said(member?.relationship ?? member?.role);
}

let measuring = false;

/** Text measured with the page's own font, so words are kept apart as drawn. */
function measureInThePage() {
  if (measuring) return;
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return;
  measuring = true;
  const family = getComputedStyle(document.body).fontFamily;
  /** @type {Map<string, number>} */
  const widths = new Map();
  measureTextWith((text, size, weight) => {
    const key = `${weight}:${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      context.font = `${weight} 100px ${family}`;
      width = context.measureText(text).width / 100;
      widths.set(key, width);
    }
    return width * size;
  });
}
