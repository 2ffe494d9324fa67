// Where everything of the onion goes: pure geometry, no drawing.
//
// The client sits in the middle with her active needs stacked under her name;
// the three rings (informal, team, formal) lie around her as bands. Each
// person sits on her ring, ordered so that she is roughly level with the
// needs she helps with; labels that would overlap are nudged apart along the
// ring.

import { RING } from "../words.js";

export const RINGS = /** @type {const} */ (["INFORMAL", "TEAM", "FORMAL"]);

// Sizes in the drawing's own units; the fonts (onion.css) are 13 and 11.
export const NEED_WIDTH = 184;
export const NEED_HEIGHT = 26;
const NEED_GAP = 6;
const TITLE_HEIGHT = 40;
const BAND = 66;
export const DOT = 10;
export const LINE = 13;
const NAME_CHARS = 24;
const NEED_CHARS = 24;
const MARGIN = 12;
// Offsets (as a share of a slot) so that people of neighbouring rings do not
// start on the same angle.
const STAGGER = [0.5, 0.25, 0.75];

/**
 * @typedef {{id: string, displayName: string, ring: string, role: string | null,
 *            relationship: string | null}} MemberIn
 * @typedef {{supporter: {id: string}, hoursPerWeek: number, status: string}} SupportIn
 * @typedef {{id: string, displayName: string, status: string, supporters: SupportIn[]}} NeedIn
 * @typedef {{name: string, members: MemberIn[], needs: NeedIn[]}} ClientIn
 *
 * @typedef {{x0: number, y0: number, x1: number, y1: number}} Box
 * @typedef {{id: string, label: string, full: string, x: number, y: number,
 *            width: number, height: number}} NeedPlace
 * @typedef {{id: string, ring: string, name: string, full: string, sub: string,
 *            x: number, y: number, angle: number, radius: number, box: Box}} PersonPlace
 * @typedef {{personId: string, needId: string, x1: number, y1: number,
 *            x2: number, y2: number, hours: number}} Line
 * @typedef {{ring: string, inner: number, outer: number, middle: number,
 *            title: {x: number, y: number}}} Band
 * @typedef {{viewBox: Box, cx: number, cy: number, zone: number,
 *            title: {x: number, y: number}, bands: Band[], needs: NeedPlace[],
 *            people: PersonPlace[], lines: Line[]}} OnionLayout
 */

/**
 * @param {string} text
 * @param {number} max
 */
export function shorten(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Rough text width in the SVG's units; good enough to keep labels apart. */
function textWidth(/** @type {string} */ text, /** @type {number} */ size) {
  return text.length * size * 0.56;
}

/** @param {number} angle */
function wrap(angle) {
  let a = angle;
  while (a <= -Math.PI) a += 2 * Math.PI;
  while (a > Math.PI) a -= 2 * Math.PI;
  return a;
}

/** @param {Box} a @param {Box} b */
function overlaps(a, b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/**
 * Where a person's words go: above her dot in the upper half of the onion,
 * below it in the lower half, so they point away from the client.
 * @param {number} y  the dot's height
 * @param {number} cy  the centre's
 * @param {number} lines  how many lines of text
 * @returns {number} the baseline of the first line
 */
export function firstBaseline(y, cy, lines) {
  return y < cy ? y - DOT - 4 - (lines - 1) * LINE : y + DOT + LINE;
}

/**
 * The room a person takes: her dot and the lines of text that go with it.
 * @param {number} x @param {number} y @param {number} cy
 * @param {string} name @param {string} sub @param {boolean} flagged
 * @returns {Box}
 */
function personBox(x, y, cy, name, sub, flagged) {
  const lines = 1 + (sub ? 1 : 0) + (flagged ? 1 : 0);
  const half = Math.max(textWidth(name, 13), textWidth(sub, 11), 2 * DOT) / 2 + 5;
  const first = firstBaseline(y, cy, lines);
  const top = Math.min(y - DOT, first - LINE + 2);
  const bottom = Math.max(y + DOT, first + (lines - 1) * LINE + 4);
  return { x0: x - half, y0: top - 2, x1: x + half, y1: bottom + 2 };
}

/**
 * @param {ClientIn} client
 * @param {Set<string>} [flagged]  people with a warning drawn above them
 * @returns {OnionLayout}
 */
export function layOut(client, flagged = new Set()) {
  const active = client.needs.filter((n) => n.status === "ACTIVE");
  const column = TITLE_HEIGHT + Math.max(active.length, 1) * (NEED_HEIGHT + NEED_GAP) - NEED_GAP;
  const zone = Math.max(120, Math.hypot(NEED_WIDTH / 2 + 10, column / 2 + 10));
  const cx = 0;
  const cy = 0;

  const top = cy - column / 2;
  const needs = active.map((need, i) => ({
    id: need.id,
    label: shorten(need.displayName, NEED_CHARS),
    full: need.displayName,
    x: cx - NEED_WIDTH / 2,
    y: top + TITLE_HEIGHT + i * (NEED_HEIGHT + NEED_GAP),
    width: NEED_WIDTH,
    height: NEED_HEIGHT,
  }));
  const needIndex = new Map(needs.map((n, i) => [n.id, i]));

  const bands = RINGS.map((ring, i) => {
    const inner = zone + i * BAND;
    const outer = inner + BAND;
    return {
      ring,
      inner,
      outer,
      middle: (inner + outer) / 2,
      title: { x: cx, y: cy - outer + 13 },
    };
  });

  /** @type {Map<string, number[]>} */
  const helps = new Map();
  for (const need of active) {
    for (const support of need.supporters) {
      if (support.status !== "ACTIVE") continue;
      const list = helps.get(support.supporter.id) ?? [];
      list.push(/** @type {number} */ (needIndex.get(need.id)));
      helps.set(support.supporter.id, list);
    }
  }
  const middleIndex = (active.length - 1) / 2;
  /** @param {MemberIn} m */
  const level = (m) => {
    const list = helps.get(m.id);
    return list ? list.reduce((a, b) => a + b, 0) / list.length : middleIndex;
  };

  /** @type {PersonPlace[]} */
  const people = [];
  bands.forEach((band, ringIndex) => {
    const members = client.members
      .filter((m) => m.ring === band.ring)
      .sort((a, b) => level(a) - level(b) || a.displayName.localeCompare(b.displayName));
    const sides = [members.filter((_, i) => i % 2 === 0), members.filter((_, i) => i % 2 === 1)];
    sides.forEach((side, sideIndex) => {
      side.forEach((member, i) => {
        const share = (i + STAGGER[ringIndex]) / side.length;
        const degrees = sideIndex === 0 ? -90 + 180 * share : -90 - 180 * share;
        const name = shorten(member.displayName, NAME_CHARS);
        const sub = shorten(member.relationship ?? member.role ?? "", NAME_CHARS);
        people.push({
          id: member.id,
          ring: band.ring,
          name,
          full: member.displayName,
          sub,
          x: 0,
          y: 0,
          angle: (degrees * Math.PI) / 180,
          radius: band.middle,
          box: { x0: 0, y0: 0, x1: 0, y1: 0 },
        });
      });
    });
  });

  const place = (/** @type {PersonPlace} */ p) => {
    p.x = cx + p.radius * Math.cos(p.angle);
    p.y = cy + p.radius * Math.sin(p.angle);
    p.box = personBox(p.x, p.y, cy, p.name, p.sub, flagged.has(p.id));
  };
  people.forEach(place);

  // Ring titles sit at the top of each band; people keep clear of them.
  const obstacles = bands.map((band) => {
    const half = textWidth(RING[band.ring].toUpperCase(), 11) / 2;
    return {
      angle: -Math.PI / 2,
      box: { x0: cx - half - 4, y0: band.title.y - 11, x1: cx + half + 4, y1: band.title.y + 4 },
    };
  });

  const step = 0.012;
  for (let round = 0; round < 600; round += 1) {
    let moved = false;
    for (let i = 0; i < people.length; i += 1) {
      for (let j = i + 1; j < people.length; j += 1) {
        const a = people[i];
        const b = people[j];
        if (!overlaps(a.box, b.box)) continue;
        const apart = wrap(b.angle - a.angle) >= 0 ? 1 : -1;
        a.angle -= apart * step;
        b.angle += apart * step;
        place(a);
        place(b);
        moved = true;
      }
      for (const obstacle of obstacles) {
        const p = people[i];
        if (!overlaps(p.box, obstacle.box)) continue;
        p.angle += (wrap(p.angle - obstacle.angle) >= 0 ? 1 : -1) * step;
        place(p);
        moved = true;
      }
    }
    if (!moved) break;
  }

  const byId = new Map(people.map((p) => [p.id, p]));
  /** @type {Line[]} */
  const lines = [];
  for (const need of active) {
    const box = needs[/** @type {number} */ (needIndex.get(need.id))];
    for (const support of need.supporters) {
      const person = byId.get(support.supporter.id);
      if (!person || support.status !== "ACTIVE") continue;
      const left = person.x < cx;
      const x2 = left ? box.x : box.x + box.width;
      const y2 = box.y + box.height / 2;
      const d = Math.hypot(x2 - person.x, y2 - person.y) || 1;
      lines.push({
        personId: person.id,
        needId: need.id,
        x1: person.x + ((x2 - person.x) / d) * DOT,
        y1: person.y + ((y2 - person.y) / d) * DOT,
        x2,
        y2,
        hours: support.hoursPerWeek,
      });
    }
  }

  const outer = bands[bands.length - 1].outer;
  const extent = { x0: cx - outer, y0: cy - outer, x1: cx + outer, y1: cy + outer };
  for (const p of people) {
    extent.x0 = Math.min(extent.x0, p.box.x0);
    extent.y0 = Math.min(extent.y0, p.box.y0);
    extent.x1 = Math.max(extent.x1, p.box.x1);
    extent.y1 = Math.max(extent.y1, p.box.y1);
  }
  // Symmetric about the client, so she stays in the middle of the picture.
  const halfWidth = Math.max(cx - extent.x0, extent.x1 - cx) + MARGIN;
  const halfHeight = Math.max(cy - extent.y0, extent.y1 - cy) + MARGIN;
  const viewBox = {
    x0: cx - halfWidth,
    y0: cy - halfHeight,
    x1: cx + halfWidth,
    y1: cy + halfHeight,
  };

  return { viewBox, cx, cy, zone, title: { x: cx, y: top + 20 }, bands, needs, people, lines };
}
