// Checks of the web page's pure modules under Node (no browser): the onion's
// geometry and the two dictionaries. Prints one JSON report on stdout.

globalThis.navigator = { languages: ["nl-NL"], language: "nl-NL" };
globalThis.localStorage = { getItem: () => null, setItem: () => {} };

const root = new URL("../../graphsvc/api/web/static/js/", import.meta.url);
const { fitLayout, layOut, MIN_TEXT_PX, FONT } = await import(new URL("onion/layout.js", root));
const { fromBrowser } = await import(new URL("i18n.js", root));
const { nl } = await import(new URL("i18n/nl.js", root));
const { en } = await import(new URL("i18n/en.js", root));

const FAMILY = [
  ["INFORMAL", "Marieke Wolters", "dochter"],
  ["INFORMAL", "Peter Wolters", "zoon"],
  ["INFORMAL", "Wim Kuipers", "buurman"],
  ["TEAM", "Kim van der Meer", "primary nurse"],
  ["TEAM", "Niels van der Wal", "nurse"],
  ["FORMAL", "Charlotte van den Broek", "huisarts"],
];
const CROWD = [
  ["INFORMAL", "Annemarie Wolters-de Groot", "schoondochter"],
  ["INFORMAL", "Joost Wolters", "kleinzoon"],
  ["INFORMAL", "Fatima Yilmaz", "buurvrouw"],
  ["INFORMAL", "Gerrit Mulder", "vriend"],
  ["INFORMAL", "Henny Mulder", "vriendin"],
  ["INFORMAL", "Sjaak van den Heuvel", "vrijwilliger"],
  ["FORMAL", "Ellen Hoekstra", "fysiotherapeut"],
  ["FORMAL", "Mohamed Amrani", "maatschappelijk werker"],
  ["FORMAL", "Ineke de Ruiter", "ergotherapeut"],
];
// Seven more: 22 people around her.
const MORE = [
  ["INFORMAL", "Truus Bosman", "buurvrouw"],
  ["INFORMAL", "Wim Kuipers", "kerkgenoot"],
  ["INFORMAL", "Anouk Wolters", "kleindochter"],
  ["FORMAL", "Bram Visser", "diëtist"],
  ["FORMAL", "Yvonne Dekker", "casemanager dementie"],
  ["FORMAL", "Peter de Wit", "thuiszorgtechnologie"],
  ["FORMAL", "Karin Smit", "specialist ouderengeneeskunde"],
];

/** @param {string[][]} people */
function client(people) {
  return {
    name: "Hendrik Wolters",
    members: people.map(([ring, name, rel, id], i) => ({
      id: id ?? `person-${String(i).padStart(2, "0")}`,
      displayName: name,
      ring,
      relationship: ring === "INFORMAL" ? rel : null,
      role: ring === "INFORMAL" ? null : rel,
    })),
    needs: ["Cognitie", "Voeding", "Persoonlijke verzorging", "Medicatieregime"].map((n, i) => ({
      id: `need-${i}`,
      displayName: n,
      status: "ACTIVE",
      supporters: [{ supporter: { id: "person-00" }, hoursPerWeek: 6, status: "ACTIVE" }],
    })),
  };
}

const hit = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Pairs of people whose room overlaps, and people over the needs. */
function covered(layout) {
  const found = [];
  const { people, needs } = layout;
  people.forEach((p, i) => {
    for (const q of people.slice(i + 1)) if (hit(p.box, q.box)) found.push(`${p.name}/${q.name}`);
    for (const n of needs) {
      const box = { x0: n.x, y0: n.y, x1: n.x + n.width, y1: n.y + n.height };
      if (hit(p.box, box)) found.push(`${p.name}/${n.label}`);
    }
  });
  return found;
}

/** The smallest text as shown in a room, in CSS pixels (a tall onion is as
 * tall as the room is wide). */
function smallestPx(layout, room) {
  const vb = layout.viewBox;
  if (layout.tall) room = { width: room.width, height: Math.max(room.width, room.height) };
  const shown = Math.min(room.width / (vb.x1 - vb.x0), room.height / (vb.y1 - vb.y0));
  return Math.min(...Object.values(FONT)) * layout.sizes.scale * shown;
}

const flagged = new Set(["person-00"]);
const rooms = {
  laptop: { width: 700, height: 608 },
  smallLaptop: { width: 990, height: 688 },
  tablet: { width: 730, height: 944 },
};
const report = { covered: {}, smallestPx: {}, moved: [], language: {}, keys: {} };

for (const [name, room] of Object.entries(rooms)) {
  const family = fitLayout(client(FAMILY), flagged, room);
  const crowd = fitLayout(client([...FAMILY, ...CROWD]), flagged, room);
  report.covered[name] = [...covered(family), ...covered(crowd)];
  report.smallestPx[name] = smallestPx(family, room);
  const throng = fitLayout(client([...FAMILY, ...CROWD, ...MORE]), flagged, room);
  report.covered[name].push(...covered(throng));
  report.smallestPx[`${name}Throng`] = smallestPx(throng, room);
}
report.minTextPx = MIN_TEXT_PX;

// A newcomer moves nobody who was drawn before, as long as the text keeps
// its scale (a newcomer who makes the drawing need larger text may).
const before = fitLayout(client(FAMILY), flagged, rooms.laptop);
const places = new Map(before.people.map((p) => [p.id, p.angle]));
report.sameScale = 0;
for (let i = 0; i < 25; i += 1) {
  const newcomer = ["INFORMAL", "Ria Smit", "buurvrouw", `person-new-${i * 7919}`];
  const after = fitLayout(
    client([...FAMILY, newcomer]),
    flagged,
    rooms.laptop,
    places,
    { scale: before.sizes.scale, labels: before.labels, tall: before.tall },
  );
  if (after.sizes.scale !== before.sizes.scale) continue;
  report.sameScale += 1;
  for (const p of after.people) {
    if (places.has(p.id) && Math.abs(p.angle - places.get(p.id)) > 1e-9) report.moved.push(p.name);
  }
}
// A newcomer on a crowded onion (22 people): the others may make a little
// room, but none turns more than 15 degrees, and the text stays 12 px.
{
  const room = rooms.tablet;
  const throng = client([...FAMILY, ...CROWD, ...MORE]);
  const first = fitLayout(throng, flagged, room);
  const kept = new Map(first.people.map((p) => [p.id, p.angle]));
  const newcomer = ["INFORMAL", "Lotte Jansen", "buurmeisje", "person-newcomer"];
  const after = fitLayout(client([...FAMILY, ...CROWD, ...MORE, newcomer]), flagged, room, kept, {
    scale: first.sizes.scale,
    labels: first.labels,
    tall: first.tall,
  });
  const turn = (a, b) => Math.abs((((b - a) * 180) / Math.PI + 540) % 360 - 180);
  report.throngTurned = after.people
    .filter((p) => kept.has(p.id) && turn(kept.get(p.id), p.angle) > 15)
    .map((p) => p.name);
  report.throngAfterPx = smallestPx(after, room);
  report.throngCovered = covered(after);
}

// Without a memory the same people get the same places.
const again = layOut(client(FAMILY), flagged, 1);
const once = layOut(client(FAMILY), flagged, 1);
report.deterministic = again.people.every((p, i) => p.angle === once.people[i].angle);

report.language = {
  nl: fromBrowser(["nl-NL", "en-GB"]),
  nlBe: fromBrowser(["nl-BE"]),
  en: fromBrowser(["en-US", "nl-NL"]),
  other: fromBrowser(["de-DE", "fr-FR"]),
  none: fromBrowser([]),
};
const shape = (dict) =>
  Object.fromEntries(
    Object.entries(dict).map(([k, v]) => [
      k,
      v === null ? "null" : Array.isArray(v) ? "list" : typeof v === "object" ? Object.keys(v).sort().join() : typeof v,
    ]),
  );
const [shapeNl, shapeEn] = [shape(nl), shape(en)];
report.keys = {
  onlyNl: Object.keys(shapeNl).filter((k) => !(k in shapeEn)),
  onlyEn: Object.keys(shapeEn).filter((k) => !(k in shapeNl)),
  differ: Object.keys(shapeNl).filter(
    (k) => k in shapeEn && shapeNl[k] !== shapeEn[k] && k !== "explain",
  ),
  count: Object.keys(shapeNl).length,
};
console.log(JSON.stringify(report));
