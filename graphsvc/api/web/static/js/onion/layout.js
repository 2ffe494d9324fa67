// Where everything of the onion goes: pure geometry, no drawing.
//
// The client sits in the middle with her active needs stacked under her name;
// the three rings (informal, team, formal) lie around her as bands. Each
// person sits on her ring, ordered so that she is roughly level with the
// needs she helps with; labels that would overlap are nudged apart along the
// ring.

import { RING } from "../words.js";

export const RINGS = /** @type {const} */ (["INFORMAL", "TEAM", "FORMAL"]);

// Sizes in the drawing's own units at a text scale of 1; every size that
// goes with text grows with the scale (see fitScale), the rings do not.
export const FONT = { name: 13, sub: 12, need: 13, title: 12, initials: 12, client: 18 };
const NEED_WIDTH = 190;
const NEED_HEIGHT = 28;
const NEED_GAP = 6;
const TITLE_HEIGHT = 40;
const BAND = 70;
const DOT = 13;
const LINE = 14;
const NAME_CHARS = 24;
const NEED_CHARS = 24;
const MARGIN = 12;
/** The smallest text on the onion, in screen pixels. */
export const MIN_TEXT_PX = 12;

/**
 * The sizes of the onion's text and what goes with it, at a text scale.
 * @param {number} scale
 */
export function sizesAt(scale) {
  return {
    scale,
    dot: DOT * scale,
    hit: 22 * scale,
    line: LINE * scale,
    needWidth: NEED_WIDTH * scale,
    needHeight: NEED_HEIGHT * scale,
    font: {
      name: FONT.name * scale,
      sub: FONT.sub * scale,
      need: FONT.need * scale,
      title: FONT.title * scale,
      initials: FONT.initials * scale,
      client: FONT.client * scale,
    },
  };
}

/** @typedef {ReturnType<typeof sizesAt>} Sizes */

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
 * @typedef {{viewBox: Box, cx: number, cy: number, zone: number, sizes: Sizes, crowded: boolean,
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
 * @param {Sizes} sizes
 * @returns {number} the baseline of the first line
 */
export function firstBaseline(y, cy, lines, sizes) {
  const { dot, line } = sizes;
  return y < cy ? y - dot - 5 - (lines - 1) * line : y + dot + line;
}

/**
 * The room a person takes: her dot and the lines of text that go with it.
 * @param {number} x @param {number} y @param {number} cy
 * @param {string} name @param {string} sub @param {boolean} flagged
 * @param {Sizes} sizes
 * @returns {Box}
 */
function personBox(x, y, cy, name, sub, flagged, sizes) {
  const { line, font } = sizes;
  const lines = 1 + (sub ? 1 : 0) + (flagged ? 1 : 0);
  const pad = 3 * sizes.scale;
  const half =
    Math.max(textWidth(name, font.name) * 1.07, textWidth(sub, font.sub), 2 * sizes.hit) / 2 +
    pad;
  const first = firstBaseline(y, cy, lines, sizes);
  const top = Math.min(y - sizes.hit, first - font.name);
  const bottom = Math.max(y + sizes.hit, first + (lines - 1) * line + 0.3 * font.sub);
  return { x0: x - half, y0: top - pad, x1: x + half, y1: bottom + pad };
}

/**
 * A number from an id that does not change when others come and go: where
 * on her ring a person prefers to be, so edits do not move the others.
 * @param {string} id
 */
function spot(id) {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) / 4294967296;
}

/**
 * @param {ClientIn} client
 * @param {Set<string>} [flagged]  people with a warning drawn above them
 * @param {number} [scale]  the text scale (1: the sizes of FONT)
 * @param {Map<string, number>} [places]  where people were drawn before (angles):
 *   they start there, so an edit moves only those a newcomer would cover
 * @returns {OnionLayout}
 */
export function layOut(client, flagged = new Set(), scale = 1, places = new Map()) {
  // Wider rings until nobody's words cover another's, a ring title or a need.
  let widen = 1;
  let layout = tryLayOut(client, flagged, scale, widen, places);
  for (let round = 0; round < 6 && layout.crowded; round += 1) {
    widen *= 1.2;
    layout = tryLayOut(client, flagged, scale, widen, places);
  }
  return layout;
}

/**
 * @param {ClientIn} client
 * @param {Set<string>} flagged
 * @param {number} scale
 * @param {number} widen  how much wider than usual the rings are
 * @param {Map<string, number>} places
 */
function tryLayOut(client, flagged, scale, widen, places) {
  const sizes = sizesAt(scale);
  const active = client.needs.filter((n) => n.status === "ACTIVE");
  const rowHeight = sizes.needHeight + NEED_GAP * scale;
  const column = TITLE_HEIGHT * scale + Math.max(active.length, 1) * rowHeight - NEED_GAP * scale;
  const zone = Math.max(120, Math.hypot(sizes.needWidth / 2 + 10, column / 2 + 10));
  const cx = 0;
  const cy = 0;

  const top = cy - column / 2;
  const needs = active.map((need, i) => ({
    id: need.id,
    label: shorten(need.displayName, NEED_CHARS),
    full: need.displayName,
    x: cx - sizes.needWidth / 2,
    y: top + TITLE_HEIGHT * scale + i * rowHeight,
    width: sizes.needWidth,
    height: sizes.needHeight,
  }));
  const needIndex = new Map(needs.map((n, i) => [n.id, i]));
  const band = Math.max(BAND, 2 * sizes.hit + 8) * widen;

  const bands = RINGS.map((ring, i) => {
    const inner = zone + i * band;
    const outer = inner + band;
    return {
      ring,
      inner,
      outer,
      middle: (inner + outer) / 2,
      title: { x: cx, y: cy - outer + sizes.font.title + 2 },
    };
  });

  // Each person has a place of her own on her ring, from her id: the same
  // after any edit of the network; only neighbours that would cover each
  // other are moved apart. The top of each ring is kept for its title.
  /** @type {PersonPlace[]} */
  const people = [];
  bands.forEach((b) => {
    const members = client.members.filter((m) => m.ring === b.ring);
    for (const member of members) {
      const name = shorten(member.displayName, NAME_CHARS);
      const sub = shorten(member.relationship ?? member.role ?? "", NAME_CHARS);
      // From -60° round to 240°: the sector at the top (the title) is left free.
      const degrees = -60 + 300 * spot(member.id);
      const before = places.get(member.id);
      people.push({
        id: member.id,
        ring: b.ring,
        name,
        full: member.displayName,
        sub,
        x: 0,
        y: 0,
        angle: before ?? (degrees * Math.PI) / 180,
        radius: b.middle,
        box: { x0: 0, y0: 0, x1: 0, y1: 0 },
      });
    }
  });

  const place = (/** @type {PersonPlace} */ p) => {
    p.x = cx + p.radius * Math.cos(p.angle);
    p.y = cy + p.radius * Math.sin(p.angle);
    p.box = personBox(p.x, p.y, cy, p.name, p.sub, flagged.has(p.id), sizes);
  };
  people.forEach(place);

  // Ring titles sit at the top of each band, the needs in the middle; people
  // keep clear of both.
  const obstacles = bands.map((b) => {
    const half = textWidth(RING[b.ring].toUpperCase(), sizes.font.title) / 2;
    const size = sizes.font.title;
    return {
      angle: () => -Math.PI / 2,
      box: { x0: cx - half - 6, y0: b.title.y - size - 2, x1: cx + half + 6, y1: b.title.y + 5 },
    };
  });
  const needsBox = {
    x0: cx - sizes.needWidth / 2 - 6,
    y0: top - 4,
    x1: cx + sizes.needWidth / 2 + 6,
    y1: top + column + 4,
  };
  obstacles.push({
    // away from the side of the column the person is on
    angle: () => 0,
    box: needsBox,
  });

  const step = 0.01;
  for (let round = 0; round < 900; round += 1) {
    let moved = false;
    for (let i = 0; i < people.length; i += 1) {
      for (let j = i + 1; j < people.length; j += 1) {
        const a = people[i];
        const b = people[j];
        if (!overlaps(a.box, b.box)) continue;
        const apart = wrap(b.angle - a.angle) >= 0 ? 1 : -1;
        // Who was there before stays; a newcomer finds room beside her.
        const aStays = places.has(a.id) && !places.has(b.id);
        const bStays = places.has(b.id) && !places.has(a.id);
        a.angle -= apart * step * (aStays ? 0 : bStays ? 2 : 1);
        b.angle += apart * step * (bStays ? 0 : aStays ? 2 : 1);
        place(a);
        place(b);
        moved = true;
      }
      const p = people[i];
      for (const [k, obstacle] of obstacles.entries()) {
        if (!overlaps(p.box, obstacle.box)) continue;
        if (k === obstacles.length - 1) {
          // the needs: towards the top or bottom, whichever is nearer
          p.angle += (Math.sin(p.angle) >= 0 ? 1 : -1) * (Math.cos(p.angle) >= 0 ? 1 : -1) * step;
        } else {
          p.angle += (wrap(p.angle - obstacle.angle()) >= 0 ? 1 : -1) * step;
        }
        place(p);
        moved = true;
      }
    }
    if (!moved) break;
  }
  let crowded = false;
  for (let i = 0; i < people.length && !crowded; i += 1) {
    for (let j = i + 1; j < people.length; j += 1) {
      if (overlaps(people[i].box, people[j].box)) crowded = true;
    }
    if (obstacles.some((o) => overlaps(people[i].box, o.box))) crowded = true;
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
        x1: person.x + ((x2 - person.x) / d) * sizes.dot,
        y1: person.y + ((y2 - person.y) / d) * sizes.dot,
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

  return {
    viewBox,
    cx,
    cy,
    zone,
    sizes,
    title: { x: cx, y: top + 20 * scale },
    bands,
    needs,
    people,
    lines,
    crowded,
  };
}

/**
 * The onion laid out so that its smallest text is at least MIN_TEXT_PX on a
 * screen that gives it `room` (CSS pixels): the text scale is raised until
 * the drawing, shrunk to fit, still shows it that large.
 * @param {ClientIn} client
 * @param {Set<string>} flagged
 * @param {{width: number, height: number} | null} room
 * @param {Map<string, number>} [places]  where people were drawn before
 * @param {number} [hint]  the text scale used before, tried first
 * @returns {OnionLayout}
 */
export function fitLayout(client, flagged, room, places = new Map(), hint = 1) {
  const layout = layOut(client, flagged, hint, places);
  if (!room || room.width <= 0 || room.height <= 0) return layout;
  const smallest = Math.min(...Object.values(FONT));
  /** @param {OnionLayout} at */
  const px = (at) => {
    const vb = at.viewBox;
    const shown = Math.min(room.width / (vb.x1 - vb.x0), room.height / (vb.y1 - vb.y0));
    return smallest * at.sizes.scale * shown;
  };
  // Larger text takes a larger drawing, shrunk more to fit: try scales from
  // small to large and keep the first that shows the text at MIN_TEXT_PX,
  // else the one that shows it largest (a very crowded onion in a small
  // room). The scale used before comes first, so an edit keeps the drawing.
  const hinted = layout;
  const hintedPx = px(hinted);
  if (hintedPx >= MIN_TEXT_PX) return hinted;
  let best = hinted;
  let bestPx = hintedPx;
  let falling = 0;
  for (let next = 1; next <= 2.6; next += 0.1) {
    if (Math.abs(next - hint) < 1e-6) continue;
    const tried = layOut(client, flagged, next, places);
    const shown = px(tried);
    if (shown >= MIN_TEXT_PX) return tried;
    if (shown > bestPx + 0.05) {
      best = tried;
      bestPx = shown;
      falling = 0;
    } else if (shown < bestPx - 0.3 && (falling += 1) >= 3) break;
  }
  return best;
}
