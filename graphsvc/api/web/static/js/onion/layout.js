// Where everything of the onion goes: pure geometry, no drawing.
//
// The client sits in the middle with her active needs stacked under her name;
// the three rings (informal, team, formal) lie around her as bands. Each
// person sits on her ring, ordered so that she is roughly level with the
// needs she helps with; labels that would overlap are nudged apart along the
// ring.

import { RING, said } from "../words.js";

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
const SHORT_CHARS = 14;
/** The part of each ring people are placed on: all but the top, kept for its title. */
const ARC_DEGREES = 300;
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
 *            labels: Labels, tall: boolean,
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

/**
 * A name made short for a crowded onion: the first name and the initial of
 * the last ("Annemarie W."); the whole name is in the shape's accessible
 * name, its tooltip and the list beside the onion.
 * @param {string} name
 */
export function abbreviate(name) {
  const words = name.trim().split(/\s+/);
  const first = shorten(words[0] ?? "", SHORT_CHARS - 3);
  if (words.length < 2) return first;
  const last = words[words.length - 1];
  return `${first} ${last.charAt(0).toUpperCase()}.`;
}

/**
 * How much of each person is written beside her dot: her name and how she is
 * related ("full"); on a crowded onion her short name alone ("short"); on a
 * very crowded one her initials in the dot alone ("initials"), her name then
 * being in the list beside the onion, her tooltip and her accessible name.
 * @typedef {"full" | "short" | "initials"} Labels
 */
/** @type {Labels[]} */
export const LABELS = ["full", "short", "initials"];

/**
 * The words drawn by a person.
 * @param {MemberIn} member
 * @param {Labels} labels
 */
function labelOf(member, labels) {
  if (labels === "initials") return { name: "", sub: "" };
  if (labels === "short") return { name: abbreviate(member.displayName), sub: "" };
  return {
    name: shorten(member.displayName, NAME_CHARS),
    sub: shorten(said(member.relationship ?? member.role), NAME_CHARS),
  };
}

/**
 * How wide a person's words and dot are.
 * @param {MemberIn} member @param {Labels} labels @param {Sizes} sizes
 */
function labelWidth(member, labels, sizes) {
  const { name, sub } = labelOf(member, labels);
  return Math.max(textWidth(name, sizes.font.name, 600) * 1.04, textWidth(sub, sizes.font.sub), 2 * sizes.hit) + 6 * sizes.scale;
}

/**
 * How wide a text is drawn, in the drawing's units: a rough estimate here;
 * the page gives the browser's own measure (`measureTextWith`).
 * @type {(text: string, size: number, weight: number) => number}
 */
let measure = (text, size, weight) => text.length * size * (weight >= 600 ? 0.6 : 0.56);

/**
 * Measure text with `how` from now on (the browser's fonts, in the page).
 * @param {(text: string, size: number, weight: number) => number} how
 */
export function measureTextWith(how) {
  measure = how;
}

/** @param {string} text @param {number} size @param {number} [weight] */
function textWidth(text, size, weight = 400) {
  return measure(text, size, weight);
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
  const lines = (name ? 1 : 0) + (sub ? 1 : 0) + (flagged ? 1 : 0);
  const pad = 3 * sizes.scale;
  if (lines === 0) {
    return { x0: x - sizes.hit - pad, y0: y - sizes.hit - pad, x1: x + sizes.hit + pad, y1: y + sizes.hit + pad };
  }
  const half =
    Math.max(textWidth(name, font.name, 600) * 1.04, textWidth(sub, font.sub), 2 * sizes.hit) / 2 +
    pad;
  const first = firstBaseline(y, cy, lines, sizes);
  const top = Math.min(y - sizes.hit, first - font.name);
  const bottom = Math.max(y + sizes.hit, first + (lines - 1) * line + 0.3 * font.sub);
  return { x0: x - half, y0: top - pad, x1: x + half, y1: bottom + pad };
}

/**
 * The middle of the widest free arc of a ring, in degrees from -60° round to
 * 240° (the top is the title's), between the angles already taken there.
 * @param {number[]} taken
 */
function widestGapMiddle(taken) {
  const sorted = [...taken].map((a) => Math.min(240, Math.max(-60, a))).sort((a, b) => a - b);
  const edges = [-60, ...sorted, 240];
  let best = -60;
  let widest = -1;
  for (let i = 1; i < edges.length; i += 1) {
    if (edges[i] - edges[i - 1] > widest) {
      widest = edges[i] - edges[i - 1];
      best = (edges[i] + edges[i - 1]) / 2;
    }
  }
  return best;
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
  // Mixed once more, so that ids that differ only at the end ("…-11",
  // "…-12") land far apart rather than side by side.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 4294967296;
}

/**
 * @param {ClientIn} client
 * @param {Set<string>} [flagged]  people with a warning drawn above them
 * @param {number} [scale]  the text scale (1: the sizes of FONT)
 * @param {Map<string, number>} [places]  where people were drawn before (angles):
 *   they start there, so an edit moves only those a newcomer would cover
 * @param {Labels} [labels]  how much is written beside each person
 * @param {{keep?: boolean, most?: number}} [how]  keep: those drawn before do not
 *   move (else they only start where they were); most: the widest drawing
 *   wanted, past which the rings are not widened further
 * @returns {OnionLayout}
 */
export function layOut(
  client,
  flagged = new Set(),
  scale = 1,
  places = new Map(),
  labels = /** @type {Labels} */ ("full"),
  how = {},
) {
  const keep = how.keep ?? true;
  const most = how.most ?? Infinity;
  // Wider rings until nobody's words cover another's, a ring title or a need.
  let widen = 1;
  let layout = tryLayOut(client, flagged, scale, widen, places, labels, keep);
  for (let round = 0; round < 6 && layout.crowded; round += 1) {
    widen *= 1.2;
    const { bands } = rings(client, scale, widen, labels);
    if (2 * (bands[bands.length - 1].outer + MARGIN) > most) break;
    layout = tryLayOut(client, flagged, scale, widen, places, labels, keep);
  }
  return layout;
}

/**
 * The needs' column in the middle and the three rings round it, before
 * anybody is placed: a ring with many people is made wider, so that round its
 * middle (but the sector left to its title) there is room for all their words
 * side by side.
 * @param {ClientIn} client
 * @param {number} scale
 * @param {number} widen  how much wider than usual the rings are
 * @param {Labels} labels
 */
function rings(client, scale, widen, labels) {
  const sizes = sizesAt(scale);
  const active = client.needs.filter((n) => n.status === "ACTIVE");
  const rowHeight = sizes.needHeight + NEED_GAP * scale;
  const column = TITLE_HEIGHT * scale + Math.max(active.length, 1) * rowHeight - NEED_GAP * scale;
  const zone = Math.max(120, Math.hypot(sizes.needWidth / 2 + 10, column / 2 + 10));
  const band = Math.max(BAND, 2 * sizes.hit + 8) * widen;
  let outerOfLast = zone;
  /** @type {Band[]} */
  const bands = RINGS.map((ring) => {
    const inner = outerOfLast;
    const around = client.members
      .filter((m) => m.ring === ring)
      .reduce((sum, m) => sum + labelWidth(m, labels, sizes) + 4 * scale, 0);
    const middle = Math.max(inner + band / 2, around / ((ARC_DEGREES * Math.PI) / 180));
    const outer = inner + 2 * (middle - inner);
    outerOfLast = outer;
    return { ring, inner, outer, middle, title: { x: 0, y: -outer + sizes.font.title + 2 } };
  });
  return { sizes, active, column, zone, bands };
}

/**
 * @param {ClientIn} client
 * @param {Set<string>} flagged
 * @param {number} scale
 * @param {number} widen  how much wider than usual the rings are
 * @param {Map<string, number>} places
 * @param {Labels} labels
 * @param {boolean} keep  those in `places` stay there
 */
function tryLayOut(client, flagged, scale, widen, places, labels, keep) {
  const { sizes, active, column, zone, bands } = rings(client, scale, widen, labels);
  const cx = 0;
  const cy = 0;
  const top = cy - column / 2;
  const rowHeight = sizes.needHeight + NEED_GAP * scale;
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

  // Each person has a place of her own on her ring, from her id: the same
  // after any edit of the network; only neighbours that would cover each
  // other are moved apart. The top of each ring is kept for its title.
  /** @type {PersonPlace[]} */
  const people = [];
  bands.forEach((b) => {
    const members = client.members.filter((m) => m.ring === b.ring);
    // where those drawn before are on this ring, in degrees from -60° round
    const taken = members
      .map((m) => places.get(m.id))
      .filter((/** @type {number | undefined} */ a) => a !== undefined)
      .map((a) => ((((a * 180) / Math.PI + 60) % 360) + 360) % 360 - 60);
    for (const member of members) {
      const { name, sub } = labelOf(member, labels);
      // From -60° round to 240°: the sector at the top (the title) is left free.
      // A newcomer to a ring drawn before goes in its widest free arc, so that
      // she covers nobody who was there; else her id says where.
      const degrees = places.has(member.id)
        ? 0
        : taken.length
          ? widestGapMiddle(taken)
          : -60 + 300 * spot(member.id);
      if (!places.has(member.id) && taken.length) taken.push(degrees);
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
    const title = RING[b.ring].toUpperCase();
    // bold, with 0.08em between letters
    const half = (textWidth(title, sizes.font.title, 700) + 0.08 * sizes.font.title * title.length) / 2;
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
  // Which way each person was pushed by a neighbour this round: round the
  // needs she then goes the same way, not back into her neighbour.
  /** @type {number[]} */
  const pushed = people.map(() => 0);
  for (let round = 0; round < 900; round += 1) {
    let moved = false;
    pushed.fill(0);
    for (let i = 0; i < people.length; i += 1) {
      for (let j = i + 1; j < people.length; j += 1) {
        const a = people[i];
        const b = people[j];
        if (!overlaps(a.box, b.box)) continue;
        const apart = wrap(b.angle - a.angle) >= 0 ? 1 : -1;
        // Who was there before stays (or, when she must, gives a little);
        // a newcomer finds room beside her.
        const aWas = places.has(a.id) && !places.has(b.id);
        const bWas = places.has(b.id) && !places.has(a.id);
        const give = keep ? 0 : 0.5;
        const aMoves = aWas ? give : bWas ? 2 : 1;
        const bMoves = bWas ? give : aWas ? 2 : 1;
        a.angle -= apart * step * aMoves;
        b.angle += apart * step * bMoves;
        if (aMoves > 0) pushed[i] = -apart;
        if (bMoves > 0) pushed[j] = apart;
        place(a);
        place(b);
        moved = true;
      }
      const p = people[i];
      for (const [k, obstacle] of obstacles.entries()) {
        if (!overlaps(p.box, obstacle.box)) continue;
        if (k === obstacles.length - 1) {
          // the needs: the way a neighbour pushed her, else towards the top
          // or bottom, whichever is nearer
          const nearer = (Math.sin(p.angle) >= 0 ? 1 : -1) * (Math.cos(p.angle) >= 0 ? 1 : -1);
          p.angle += (pushed[i] || nearer) * step;
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
    labels,
    tall: false,
  };
}

/**
 * The onion laid out so that its smallest text is at least MIN_TEXT_PX on a
 * screen that gives it `room` (CSS pixels). Larger text takes a larger
 * drawing, shrunk more to fit, so the text scale is raised step by step; a
 * crowded onion writes less beside each person (LABELS: her short name, then
 * her initials alone); when even that is too small in the room, the onion is
 * drawn taller than the room (`tall`: the page scrolls) at the width it has.
 * What was used before comes first, so an edit keeps the drawing.
 * @param {ClientIn} client
 * @param {Set<string>} flagged
 * @param {{width: number, height: number} | null} room
 * @param {Map<string, number>} [places]  where people were drawn before
 * @param {{scale: number, labels: Labels, tall: boolean}} [hint]  what was used before
 * @returns {OnionLayout}
 */
export function fitLayout(client, flagged, room, places = new Map(), hint = undefined) {
  const was = hint ?? { scale: 1, labels: /** @type {Labels} */ ("full"), tall: false };
  const hinted = layOut(client, flagged, was.scale, places, was.labels);
  if (!room || room.width <= 0 || room.height <= 0) return hinted;
  const smallest = Math.min(...Object.values(FONT));
  const tallRoom = { width: room.width, height: Math.max(room.height, room.width) };
  /** @param {{width: number, height: number}} space @param {Box} vb @param {number} scale */
  const px = (space, vb, scale) =>
    smallest * scale * Math.min(space.width / (vb.x1 - vb.x0), space.height / (vb.y1 - vb.y0));
  /** @param {OnionLayout} at @param {boolean} tall */
  const shownAt = (at, tall) => px(tall ? tallRoom : room, at.viewBox, at.sizes.scale);
  if (!hinted.crowded && shownAt(hinted, was.tall) >= MIN_TEXT_PX) {
    return { ...hinted, tall: was.tall };
  }

  let best = { ...hinted, tall: was.tall };
  let bestPx = shownAt(hinted, was.tall);
  // Names before fitting the screen's height; the height before initials.
  /** @type {[Labels, boolean][]} */
  const ways = [
    ["full", false],
    ["short", false],
    ["full", true],
    ["short", true],
    ["initials", false],
    ["initials", true],
  ];
  // A drawing does not depend on the room: each is made once, and shown
  // both in the room and as tall as it is wide.
  /** @type {Map<string, OnionLayout | null>} */
  const made = new Map();
  /** @param {Labels} labels @param {number} scale @param {boolean} keep */
  const make = (labels, scale, keep) => {
    const key = `${labels}:${scale.toFixed(1)}:${keep}`;
    if (!made.has(key)) {
      // Wider than this, the text would be too small even when tall.
      const most = (tallRoom.width * scale * smallest) / MIN_TEXT_PX;
      const { bands } = rings(client, scale, 1, labels);
      const outer = bands[bands.length - 1].outer + MARGIN;
      made.set(
        key,
        2 * outer > most ? null : layOut(client, flagged, scale, places, labels, { keep, most }),
      );
    }
    return made.get(key) ?? null;
  };
  // Those drawn before stay where they are if at all possible; else they
  // make a little room for a newcomer.
  for (const keep of places.size ? [true, false] : [true]) {
    for (const [labels, tall] of ways) {
      const space = tall ? tallRoom : room;
      for (let step = 0; step <= 10; step += 1) {
        const next = 1 + step / 10;
        const tried = make(labels, next, keep);
        if (!tried) continue;
        const shown = px(space, tried.viewBox, next);
        // (a drawing whose words still cover others is no answer, however large)
        if (tried.crowded) continue;
        if (shown >= MIN_TEXT_PX) return { ...tried, tall };
        if (shown > bestPx + 0.05) {
          best = { ...tried, tall };
          bestPx = shown;
        }
      }
    }
  }
  return best;
}
