// One client: her onion, her gaps, needs and people, and every change to them.

import { Conflict, Gone, Problem, graphql } from "../api.js";
import { fill, h, s, toast } from "../dom.js";
import { openDialog } from "../editing/dialog.js";
import { addNeed, linkHelper, rateNeed, resolveNeed, unlinkHelper } from "../editing/need-forms.js";
import { addPerson, changeKnows, changePerson, removePerson } from "../editing/person-form.js";
import { LANGUAGE, T, formatDate } from "../i18n.js";
import { drawOnion, initials } from "../onion/draw.js";
import { RINGS } from "../onion/layout.js";
import { CLIENT, VERSION, applySteps } from "../queries.js";
import { Names, whatChanged, whatIsGone } from "./changes.js";
import {
  CLOSENESS,
  DOMAIN,
  FREQUENCY,
  GAP_KIND,
  NETWORK_TYPE,
  NETWORK_TYPE_HINT,
  RATING,
  RING,
  RING_HINT,
  SEVERITY,
  SUPPORT_KIND,
  hours,
  listed,
  said,
} from "../words.js";

/** @typedef {import("../editing/person-form.js").Editing} Editing */

/** The client is not there, or not this nurse's to see. */
export class ClientMissing extends Error {}

/** @param {string} id */
async function fetchClient(id) {
  const data = await graphql(CLIENT, { id });
  if (!data.client) {
    throw new ClientMissing(T.clientMissing);
  }
  return inLanguage(data.client);
}

/**
 * Needs named in the page's language: an Omaha problem by its Dutch name
 * when the page speaks Dutch (a need with a name of its own keeps it).
 * @param {any} client
 */
function inLanguage(client) {
  for (const need of client.needs) {
    // the name the service gave, kept for a switch of language
    need.givenName ??= need.displayName;
    const omaha = need.problem && need.givenName === need.problem.display;
    need.displayName = omaha && LANGUAGE === "nl" ? need.problem.nameNl : need.givenName;
  }
  return client;
}

/** @param {string | null} birthDate */
function age(birthDate) {
  if (!birthDate) return null;
  const born = new Date(birthDate);
  const now = new Date();
  let years = now.getFullYear() - born.getFullYear();
  if (now < new Date(now.getFullYear(), born.getMonth(), born.getDate())) years -= 1;
  return years;
}

/**
 * A button that finds itself again after the page is redrawn.
 * @param {string} label  what it shows
 * @param {string} key  stable across redraws
 * @param {() => void} action
 * @param {{name?: string, kind?: string}} [extra]
 *   name: the accessible name, when the label alone would not say what it acts on
 */
function button(label, key, action, extra = {}) {
  return h(
    "button",
    {
      type: "button",
      class: `button ${extra.kind ?? ""}`.trim(),
      "data-key": key,
      "aria-label": extra.name ?? null,
      onclick: action,
    },
    label,
  );
}

/**
 * @param {HTMLElement} main
 * @param {string} clientId
 * @param {{nursesOf: (teamId: string | null) => Promise<Editing["nurses"]>}} profile
 */
export async function showClient(main, clientId, profile) {
  fill(main, h("p", { class: "loading", role: "status" }, T.loadingOnion));
  const names = new Names();
  let client = await fetchClient(clientId);
  names.remember(client);
  const nurses = await profile.nursesOf(client.team?.id ?? null);

  const reload = async () => {
    client = await fetchClient(clientId);
    names.remember(client);
    render();
  };

  // A colleague's change shows within seconds: the client's version is
  // asked for while the page is visible, and the network read again when it
  // moved. What changed is said in words.
  let saving = false;
  let polling = false;
  const timer = setInterval(async () => {
    if (!main.querySelector(`[data-client-page="${CSS.escape(clientId)}"]`)) {
      clearInterval(timer);
      return;
    }
    if (document.hidden || saving || polling) return;
    polling = true;
    try {
      const data = await graphql(VERSION, { id: clientId });
      if (saving || !data.client || data.client.version === client.version) return;
      const before = client;
      const after = await fetchClient(clientId);
      if (saving) return;
      client = after;
      names.remember(client);
      render();
      toast(whatChanged(before, after));
    } catch {
      // the next round tries again; a real problem shows on the next change
    } finally {
      polling = false;
    }
  }, POLL_MS);

  /** @type {Editing} */
  const editing = {
    get client() {
      return client;
    },
    nurses,
    async save(steps, done) {
      saving = true;
      try {
        await applySteps(steps, client.version);
      } catch (error) {
        // Show the colleague's change at once; the dialog keeps the nurse's entries.
        if (error instanceof Conflict) await reload();
        // Someone or something removed meanwhile: said by name, never by id.
        if (error instanceof Problem && error.kind === "NotFoundError") {
          await reload();
          throw new Gone(whatIsGone(steps, names, client));
        }
        throw error;
      } finally {
        saving = false;
      }
      await reload();
      toast(done);
    },
  };

  /** @param {{needId?: string}} [preset] */
  const addSomeone = (preset) => addPerson(editing, preset);

  /** @type {{width: number, height: number} | null} */
  let room = null;
  // People stay where they were drawn, edit after edit.
  /** @type {import("../onion/draw.js").OnionMemory} */
  const memory = { places: new Map() };
  const render = () => {
    const scroll = window.scrollY;
    fill(main, clientView(client, editing, addSomeone, room, memory));
    // The onion's text is drawn large enough for the room it is shown in.
    const measured = roomOf(main);
    if (measured && !sameRoom(measured, room)) {
      room = measured;
      fill(main, clientView(client, editing, addSomeone, room, memory));
    }
    window.scrollTo(0, scroll);
  };
  /** @type {number | undefined} */
  let resizing;
  const onResize = () => {
    if (!main.querySelector(`[data-client-page="${CSS.escape(clientId)}"]`)) {
      window.removeEventListener("resize", onResize);
      return;
    }
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      const measured = roomOf(main);
      if (measured && !sameRoom(measured, room)) render();
    }, 100);
  };
  window.addEventListener("resize", onResize);
  // Another language: the same page in the other words, where the nurse was.
  const onLanguage = () => {
    if (!main.querySelector(`[data-client-page="${CSS.escape(clientId)}"]`)) {
      window.removeEventListener("language-changed", onLanguage);
      return;
    }
    client = inLanguage(client);
    render();
  };
  window.addEventListener("language-changed", onLanguage);
  render();
  /** @type {HTMLElement | null} */ (main.querySelector("h1"))?.focus();
}

/**
 * The CSS pixels the onion is shown in.
 * @param {HTMLElement} main
 * @returns {{width: number, height: number} | null}
 */
function roomOf(main) {
  const svg = main.querySelector("svg.onion");
  if (!svg) return null;
  const width = svg.getBoundingClientRect().width;
  // The usual height limit, also of an onion drawn taller than it.
  const tall = svg.classList.contains("onion--tall");
  svg.classList.remove("onion--tall");
  const cap = parseFloat(getComputedStyle(svg).maxHeight);
  if (tall) svg.classList.add("onion--tall");
  if (!(width > 0)) return null;
  return { width, height: Number.isFinite(cap) && cap > 0 ? cap : width * 2 };
}

/** @param {{width: number, height: number}} a @param {{width: number, height: number} | null} b */
function sameRoom(a, b) {
  return b !== null && Math.abs(a.width - b.width) < 2 && Math.abs(a.height - b.height) < 2;
}

/**
 * @param {any} client
 * @param {Editing} editing
 * @param {(preset?: {needId?: string}) => void} addSomeone
 * @param {{width: number, height: number} | null} room
 * @param {import("../onion/draw.js").OnionMemory} memory
 */
function clientView(client, editing, addSomeone, room, memory) {
  const members = new Map(client.members.map((/** @type {any} */ m) => [m.id, m]));
  const onion = drawOnion(client, {
    onPerson: (id) => aboutPerson(client, editing, members.get(id)),
    onNeed: (id) => linkHelper(editing, { needId: id }, () => addSomeone({ needId: id })),
  }, room, memory);

  /** @param {string[] | null} ids */
  const highlight = (ids) => {
    onion.classList.toggle("is-focusing", ids !== null);
    for (const node of onion.querySelectorAll("[data-node-id]")) {
      const element = /** @type {SVGElement} */ (node);
      const hit = ids?.includes(element.dataset.nodeId ?? "") ?? false;
      element.classList.toggle("is-highlighted", hit);
    }
  };
  /** @param {HTMLElement} item @param {string[]} ids */
  const pointsAt = (item, ids) => {
    item.addEventListener("mouseenter", () => highlight(ids));
    item.addEventListener("mouseleave", () => highlight(null));
    item.addEventListener("focusin", () => highlight(ids));
    item.addEventListener("focusout", () => highlight(null));
    return item;
  };

  const years = age(client.birthDate);
  const meta = [
    client.neighbourhood,
    years !== null ? T.years(years) : null,
    client.team?.name ?? null,
  ].filter(Boolean);

  return h(
    "article",
    { class: "client-page", "aria-labelledby": "client-title", "data-client-page": client.id },
    h(
      "header",
      { class: "client-header" },
      h(
        "nav",
        { class: "crumbs no-print", "aria-label": T.breadcrumb },
        h("a", { href: "#/" }, T.allClients),
      ),
      h("h1", { id: "client-title", tabindex: "-1" }, client.name),
      h("p", { class: "meta" }, meta.join(" · ")),
      h(
        "p",
        { class: "print-only meta" },
        T.printed(formatDate(new Date()), client.version),
      ),
    ),
    h(
      "div",
      { class: "client-body" },
      h(
        "figure",
        { class: "onion-figure" },
        onion,
        legend(),
      ),
      h(
        "div",
        { class: "side" },
        glanceSection(client, editing, addSomeone),
        gapsSection(client, editing, addSomeone, pointsAt),
        needsSection(client, editing, addSomeone, pointsAt),
        peopleSection(client, editing, pointsAt),
        historySection(client, editing),
      ),
    ),
  );
}

/**
 * Strength and network type at a glance, and the two changes made most.
 * @param {any} client
 * @param {Editing} editing
 * @param {(preset?: {needId?: string}) => void} addSomeone
 */
function glanceSection(client, editing, addSomeone) {
  const strength = client.strength;
  return h(
    "section",
    { class: "glance", "aria-label": T.atAGlance },
    h(
      "dl",
      { class: "strength" },
      h(
        "div",
        { class: "score" },
        h("dt", {}, T.networkStrength),
        h(
          "dd",
          {},
          h("span", { class: "score-value" }, String(Math.round(strength.score))),
          h("span", { class: "score-max" }, " / 100"),
          h("meter", {
            min: 0,
            max: 100,
            low: 40,
            high: 70,
            optimum: 100,
            value: strength.score,
            "aria-label": T.networkStrength,
          }),
        ),
      ),
      h(
        "div",
        { class: "type" },
        h("dt", {}, T.networkTypeLabel),
        h(
          "dd",
          {},
          h("strong", {}, NETWORK_TYPE[strength.networkType] ?? strength.networkType),
          h("br"),
          h("span", { class: "hint" }, NETWORK_TYPE_HINT[strength.networkType] ?? ""),
        ),
      ),
      h(
        "div",
        { class: "counts" },
        h("dt", {}, T.people),
        h(
          "dd",
          {},
          T.peopleCounts(strength),
        ),
      ),
    ),
    h(
      "details",
      { class: "explain-strength no-print" },
      h("summary", {}, T.strengthWhat),
      ...T.strengthExplained.map((/** @type {string} */ line) => h("p", {}, line)),
    ),
    h(
      "div",
      { class: "toolbar no-print", role: "group", "aria-label": T.changeOnion },
      button(T.addPerson, "add-person", () => addSomeone(), { kind: "button--primary" }),
      button(T.addNeed, "add-need", () => addNeed(editing)),
      button(T.print, "print", () => window.print(), { name: T.printName }),
    ),
  );
}

/**
 * @typedef {(item: HTMLElement, ids: string[]) => HTMLElement} PointsAt
 */

/**
 * @param {any} client
 * @param {Editing} editing
 * @param {(preset?: {needId?: string}) => void} addSomeone
 * @param {PointsAt} pointsAt
 */
function gapsSection(client, editing, addSomeone, pointsAt) {
  const needs = new Map(client.needs.map((/** @type {any} */ n) => [n.id, n]));
  return h(
    "section",
    { class: "gaps", "aria-labelledby": "gaps-title" },
    h("h2", { id: "gaps-title" }, T.gapsTitle(client.gaps.length)),
    client.gaps.length === 0
      ? h("p", { class: "all-well" }, T.noGapsFound)
      : h(
          "ol",
          { class: "gap-list" },
          ...client.gaps.map((/** @type {any} */ gap, /** @type {number} */ i) => {
            const need = gap.subjects
              .filter((/** @type {any} */ s) => s.__typename === "Need")
              .map((/** @type {any} */ s) => needs.get(s.id))
              .find(Boolean);
            const actions = [];
            if (gap.kind === "UNCOVERED_NEED" && need) {
              actions.push(
                button(
                  T.addHelper,
                  `gap-add:${need.id}`,
                  () => addSomeone({ needId: need.id }),
                  {
                    name: T.addHelperName(need.displayName),
                    kind: "button--small",
                  },
                ),
                button(
                  T.chooseHelper,
                  `gap-link:${need.id}:${i}`,
                  () =>
                    linkHelper(editing, { needId: need.id }, () => addSomeone({ needId: need.id })),
                  {
                    name: T.chooseHelperName(need.displayName),
                    kind: "button--small",
                  },
                ),
              );
            } else if (gap.kind === "SINGLE_SUPPORTER" && need) {
              actions.push(
                button(
                  T.addSecond,
                  `gap-second:${need.id}`,
                  () =>
                    linkHelper(editing, { needId: need.id }, () => addSomeone({ needId: need.id })),
                  {
                    name: T.addSecondName(need.displayName),
                    kind: "button--small",
                  },
                ),
              );
            } else if (gap.kind === "ISOLATED_CLIENT") {
              actions.push(
                button(T.addPerson, "gap-isolated", () => addSomeone(), {
                  name: T.addCloseName(client.name),
                  kind: "button--small",
                }),
              );
            }
            return pointsAt(
              h(
                "li",
                { class: `gap gap--${gap.severity.toLowerCase()}`, "data-gap-kind": gap.kind },
                h(
                  "p",
                  { class: "gap-head" },
                  h(
                    "span",
                    { class: `badge badge--${gap.severity.toLowerCase()}` },
                    SEVERITY[gap.severity],
                  ),
                  " ",
                  h("strong", {}, GAP_KIND[gap.kind] ?? gap.kind),
                ),
                h("p", { class: "explanation" }, explain(client, gap)),
                actions.length ? h("div", { class: "row-actions no-print" }, ...actions) : null,
              ),
              gap.subjects.map((/** @type {any} */ s) => s.id),
            );
          }),
        ),
  );
}

/** @param {any} need */
function ratingsLine(need) {
  const latest = need.latestRatings ?? {};
  const parts = Object.entries(RATING).map(([dimension, label]) => {
    const rating = latest[dimension.toLowerCase()];
    return `${label} ${rating ? rating.value : "–"}`;
  });
  return parts.join(" · ");
}

/**
 * The latest ratings in words, and how each went since the first.
 * @param {any} need
 */
function ratingsInWords(need) {
  const latest = need.latestRatings ?? {};
  const trends = new Map((need.trends ?? []).map((/** @type {any} */ t) => [t.dimension, t]));
  const rows = Object.entries(RATING)
    .map(([dimension, label]) => {
      const rating = latest[dimension.toLowerCase()];
      if (!rating) return null;
      const words = LANGUAGE === "nl" ? rating.labelNl : rating.labelEn;
      const trend = trends.get(dimension);
      const course =
        trend && trend.ratings.length > 1
          ? T.trend(
              trend.ratings.map((/** @type {any} */ r) => String(r.value)).join(" → "),
              formatDate(trend.ratings[0].effective),
              trend.change > 0 ? T.better : trend.change < 0 ? T.worse : T.same,
            )
          : T.since(formatDate(rating.effective));
      return h(
        "li",
        { "data-dimension": dimension },
        h("strong", {}, `${label} ${rating.value}`),
        ` – ${words}`,
        h("span", { class: "hint" }, ` (${course})`),
      );
    })
    .filter(Boolean);
  return rows.length ? h("ul", { class: "rating-words" }, ...rows) : null;
}

/**
 * @param {any} client
 * @param {Editing} editing
 * @param {(preset?: {needId?: string}) => void} addSomeone
 * @param {PointsAt} pointsAt
 */
function needsSection(client, editing, addSomeone, pointsAt) {
  const members = new Map(client.members.map((/** @type {any} */ m) => [m.id, m]));
  const active = client.needs.filter((/** @type {any} */ n) => n.status === "ACTIVE");
  const resolved = client.needs.filter((/** @type {any} */ n) => n.status === "RESOLVED");

  /** @param {any} need */
  const item = (need) => {
    const helpers = need.supporters.filter((/** @type {any} */ t) => t.status === "ACTIVE");
    return pointsAt(
      h(
        "li",
        {
          class: `need-item${helpers.length === 0 ? " need-item--uncovered" : ""}`,
          "data-need-id": need.id,
        },
        h(
          "p",
          { class: "need-head" },
          h("strong", {}, need.displayName),
          h("span", { class: "hint" }, ` ${need.code} · ${DOMAIN[need.domain] ?? need.domain}`),
          helpers.length === 0 ? h("span", { class: "badge badge--high" }, T.noHelpYet) : null,
        ),
        helpers.length
          ? h(
              "ul",
              { class: "helpers" },
              ...helpers.map((/** @type {any} */ tie) => {
                const person = members.get(tie.supporter.id);
                const how = [
                  SUPPORT_KIND[tie.kind],
                  FREQUENCY[tie.frequency],
                  hours(tie.hoursPerWeek),
                ].filter(Boolean);
                return h(
                  "li",
                  {},
                  h("span", {}, person?.displayName ?? tie.supporter.id),
                  h("span", { class: "hint" }, ` – ${how.join(", ")}`),
                  " ",
                  button(
                    T.stop,
                    `stop:${need.id}:${tie.supporter.id}`,
                    () => unlinkHelper(editing, need, person),
                    {
                      name: T.stopName(person?.displayName ?? "", need.displayName),
                      kind: "button--small button--quiet no-print",
                    },
                  ),
                );
              }),
            )
          : null,
        h("p", { class: "ratings hint" }, ratingsLine(need)),
        ratingsInWords(need),
        h(
          "div",
          { class: "row-actions no-print" },
          button(
            T.whoHelps,
            `helps:${need.id}`,
            () => linkHelper(editing, { needId: need.id }, () => addSomeone({ needId: need.id })),
            {
              name: T.whoHelpsName(need.displayName),
              kind: "button--small",
            },
          ),
          button(T.rate, `rate:${need.id}`, () => rateNeed(editing, need), {
            name: T.rateName(need.displayName),
            kind: "button--small",
          }),
          button(T.resolved, `resolve:${need.id}`, () => resolveNeed(editing, need), {
            name: T.resolvedName(need.displayName),
            kind: "button--small",
          }),
        ),
      ),
      [need.id],
    );
  };

  return h(
    "section",
    { class: "needs", "aria-labelledby": "needs-title" },
    h("h2", { id: "needs-title" }, T.needsTitle(active.length)),
    active.length
      ? h("ul", { class: "need-list" }, ...active.map(item))
      : h("p", {}, T.noActiveNeeds),
    resolved.length
      ? h(
          "details",
          { class: "resolved" },
          h("summary", {}, T.resolvedTitle(resolved.length)),
          h(
            "ul",
            {},
            ...resolved.map((/** @type {any} */ n) => h("li", {}, `${n.displayName} (${n.code})`)),
          ),
        )
      : null,
  );
}

/**
 * @param {any} client
 * @param {Editing} editing
 * @param {PointsAt} pointsAt
 */
function peopleSection(client, editing, pointsAt) {
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
  return h(
    "section",
    { class: "people", "aria-labelledby": "people-title" },
    h("h2", { id: "people-title" }, T.peopleTitle(client.members.length)),
    ...RINGS.map((ring) => {
      const inRing = client.members
        .filter((/** @type {any} */ m) => m.ring === ring)
        .sort((/** @type {any} */ a, /** @type {any} */ b) =>
          a.displayName.localeCompare(b.displayName),
        );
      return h(
        "div",
        { class: `ring-group ring-group--${ring.toLowerCase()}` },
        h("h3", {}, RING[ring], h("span", { class: "hint" }, ` – ${RING_HINT[ring]}`)),
        inRing.length === 0
          ? h("p", { class: "hint" }, T.nobodyYet)
          : h(
              "ul",
              { class: "person-list" },
              ...inRing.map((/** @type {any} */ m) => {
                const touch = [
                  m.contactFrequency ? T.inTouch(FREQUENCY[m.contactFrequency]) : null,
                  m.closeness ? CLOSENESS[m.closeness] : null,
                ].filter(Boolean);
                const helps = helpsWith.get(m.id) ?? [];
                return pointsAt(
                  h(
                    "li",
                    { class: "person-item", "data-person-id": m.id },
                    h(
                      "p",
                      { class: "person-head" },
                      // The letters in her dot, to find her on a crowded onion.
                      h(
                        "span",
                        { class: `person-initials person-initials--${ring.toLowerCase()}`, "aria-hidden": "true" },
                        initials(m.displayName),
                      ),
                      h("strong", {}, m.displayName),
                      m.relationship || m.role
                        ? h("span", { class: "hint" }, ` – ${said(m.relationship ?? m.role)}`)
                        : null,
                    ),
                    touch.length || m.contact
                      ? h(
                          "p",
                          { class: "hint" },
                          [m.contact, touch.join(", ")].filter(Boolean).join(" · "),
                        )
                      : null,
                    h(
                      "p",
                      { class: "helps" },
                      helps.length
                        ? T.helpsWith(listed(helps))
                        : T.helpsWithNothing,
                    ),
                    h(
                      "div",
                      { class: "row-actions no-print" },
                      button(
                        T.helpsWithButton,
                        `help:${m.id}`,
                        () => linkHelper(editing, { personId: m.id }),
                        {
                          name: T.helpsWithButtonName(m.displayName),
                          kind: "button--small",
                        },
                      ),
                      button(T.change, `change:${m.id}`, () => changePerson(editing, m), {
                        name: T.changeName(m.displayName),
                        kind: "button--small",
                      }),
                      button(T.remove, `remove:${m.id}`, () => removePerson(editing, m), {
                        name: T.removeName(m.displayName),
                        kind: "button--small button--quiet",
                      }),
                    ),
                  ),
                  [m.id],
                );
              }),
            ),
      );
    }),
  );
}

/** How often a colleague's change is looked for, in milliseconds. */
const POLL_MS = 5000;

/**
 * What a gap means. In English the service's own explanation; in Dutch
 * worded from its kind, the names of whom and what it is about, and for an
 * overloaded carer the help she gives this client a week (from the network
 * the page has), so the Dutch says what the English says.
 * @param {any} client
 * @param {any} gap
 */
function explain(client, gap) {
  const say = T.explain?.[gap.kind];
  if (!say) return gap.explanation;
  const members = new Map(client.members.map((/** @type {any} */ m) => [m.id, m.displayName]));
  const needs = new Map(client.needs.map((/** @type {any} */ n) => [n.id, n.displayName]));
  const memberIds = gap.subjects
    .filter((/** @type {any} */ x) => x.__typename === "Member")
    .map((/** @type {any} */ x) => x.id);
  const people = memberIds.map((/** @type {string} */ id) => members.get(id)).filter(Boolean);
  const about = gap.subjects
    .filter((/** @type {any} */ x) => x.__typename === "Need")
    .map((/** @type {any} */ x) => needs.get(x.id))
    .filter(Boolean);
  return say(client.name, people, about, memberIds.length ? loadOf(client, memberIds[0]) : null);
}

/**
 * The help one person gives the client a week, and with how many needs.
 * @param {any} client
 * @param {string} personId
 */
function loadOf(client, personId) {
  let total = 0;
  let count = 0;
  for (const need of client.needs) {
    if (need.status !== "ACTIVE") continue;
    const tie = need.supporters.find(
      (/** @type {any} */ t) => t.supporter.id === personId && t.status === "ACTIVE",
    );
    if (!tie) continue;
    total += tie.hoursPerWeek ?? 0;
    count += 1;
  }
  return { hours: hours(total), needs: count };
}

/**
 * A small drawing of a mark for the legend: the same shapes and strokes as
 * in the onion, so it reads on paper without colour.
 * @param {string} kind
 */
function keyMark(kind) {
  const attrs = { class: `key-mark key-mark--${kind}`, viewBox: "0 0 28 20", "aria-hidden": "true" };
  switch (kind) {
    case "informal":
    case "team":
    case "formal":
      return s("svg", attrs, s("circle", { class: `key-dot key-dot--${kind}`, cx: 14, cy: 10, r: 8 }));
    case "uncovered":
      return s(
        "svg",
        attrs,
        s("rect", { class: "key-need key-need--uncovered", x: 2, y: 3, width: 24, height: 14, rx: 7 }),
        s("text", { class: "key-bang", x: 14, y: 14.5, "text-anchor": "middle" }, "!"),
      );
    case "single":
      return s("svg", attrs, s("rect", { class: "key-need key-need--single", x: 2, y: 3, width: 24, height: 14, rx: 7 }));
    case "rests":
    case "overloaded":
      return s(
        "svg",
        attrs,
        s("circle", { class: `key-halo key-halo--${kind}`, cx: 14, cy: 10, r: 8.5 }),
        s("circle", { class: "key-dot key-dot--plain", cx: 14, cy: 10, r: 5 }),
      );
    default:
      return s("svg", attrs, s("line", { class: "key-line", x1: 2, y1: 10, x2: 26, y2: 10 }));
  }
}

function legend() {
  /** @param {string} kind @param {string} words */
  const item = (kind, words) => h("li", { class: "key" }, keyMark(kind), h("span", {}, words));
  return h(
    "figcaption",
    { class: "legend" },
    h(
      "ul",
      { class: "legend-rings" },
      ...RINGS.map((ring) => item(ring.toLowerCase(), `${RING[ring]} (${RING_HINT[ring]})`)),
    ),
    h(
      "ul",
      { class: "legend-marks" },
      item("uncovered", T.legendUncovered),
      item("single", T.legendSingle),
      item("rests", T.legendRests),
      item("overloaded", T.legendOverloaded),
      item("line", T.legendLine),
    ),
  );
}

/**
 * Who someone is, before anything is changed: tapping her in the onion.
 * @param {any} client
 * @param {Editing} editing
 * @param {any} member
 */
function aboutPerson(client, editing, member) {
  if (!member) return;
  const helps = client.needs
    .filter((/** @type {any} */ n) => n.status === "ACTIVE")
    .flatMap((/** @type {any} */ n) =>
      n.supporters
        .filter((/** @type {any} */ t) => t.status === "ACTIVE" && t.supporter.id === member.id)
        .map((/** @type {any} */ t) => {
          const how = [SUPPORT_KIND[t.kind], FREQUENCY[t.frequency], hours(t.hoursPerWeek)];
          return h(
            "li",
            {},
            h("strong", {}, n.displayName),
            ` – ${how.filter(Boolean).join(", ")}`,
          );
        }),
    );
  /** @type {[string, any][]} */
  const facts = [
    [T.whichRing, `${RING[member.ring]} (${RING_HINT[member.ring]})`],
    [member.ring === "INFORMAL" ? T.relationship : T.role, said(member.relationship ?? member.role)],
    [T.contact, member.contact ? contactLink(member.contact) : null],
    [T.inTouchWith, member.contactFrequency ? FREQUENCY[member.contactFrequency] : null],
    [T.howClose, member.closeness ? CLOSENESS[member.closeness] : null],
    [T.knowsTerm, knownBy(client, member.id)],
  ];
  /** @param {() => void} next */
  const then = (next) => (/** @type {Event} */ event) => {
    const here = /** @type {HTMLElement} */ (event.currentTarget).closest("dialog");
    here?.addEventListener("close", () => next(), { once: true });
    here?.close();
  };
  openDialog({
    title: T.showName(member.displayName),
    intro: [
      h(
        "dl",
        { class: "facts" },
        ...facts
          .filter(([, value]) => value)
          .map(([term, value]) => h("div", {}, h("dt", {}, term), h("dd", {}, value))),
      ),
      helps.length
        ? h("div", { class: "helps" }, h("p", {}, T.helpsWithColon), h("ul", {}, ...helps))
        : h("p", { class: "helps" }, T.helpsWithNothing),
      h(
        "div",
        { class: "row-actions" },
        h(
          "button",
          {
            type: "button",
            class: "button",
            onclick: then(() => linkHelper(editing, { personId: member.id })),
          },
          T.helpsWithButton,
        ),
        h(
          "button",
          {
            type: "button",
            class: "button",
            onclick: then(() => changeKnows(editing, member)),
          },
          T.whomKnows,
        ),
      ),
    ],
    submitLabel: T.change,
    cancelLabel: T.close,
    onSubmit: async () => {},
    afterSubmit: () => changePerson(editing, member),
  });
}

/**
 * Whom of the onion she knows, by name.
 * @param {any} client
 * @param {string} id
 */
function knownBy(client, id) {
  const names = new Map(client.members.map((/** @type {any} */ m) => [m.id, m.displayName]));
  const known = (client.knows ?? [])
    .map((/** @type {any} */ k) => (k.a.id === id ? k.b.id : k.b.id === id ? k.a.id : null))
    .filter((/** @type {string | null} */ other) => other && names.has(other))
    .map((/** @type {string} */ other) => names.get(other));
  return known.length ? listed(known) : null;
}

/** @param {string} contact  a phone number becomes a link that calls it */
function contactLink(contact) {
  if (/^[+\d][\d\s()-]{5,}$/.test(contact)) {
    return h("a", { href: `tel:${contact.replace(/[^\d+]/g, "")}` }, contact);
  }
  return contact;
}


/** How many changes the history shows before "more". */
const HISTORY_SHOWN = 6;

/**
 * The network's changes, newest first: who, when and what; and undo of
 * one's own last change while nobody changed the network since.
 * @param {any} client
 * @param {Editing} editing
 */
function historySection(client, editing) {
  // The service keeps each change's words in Dutch and in English.
  const history = (client.history ?? []).map((/** @type {any} */ entry) =>
    LANGUAGE === "nl" ? entry : { ...entry, who: entry.whoEn, words: entry.wordsEn },
  );
  /** @param {any} entry */
  const item = (entry) =>
    h(
      "li",
      { class: "history-item", "data-version": entry.version },
      h("span", { class: "hint" }, formatDate(entry.at, { time: true })),
      " · ",
      h("strong", {}, entry.yours ? T.you(entry.who) : entry.who),
      h("br"),
      entry.words,
    );
  const last = history[0];
  const undo =
    last && last.yours
      ? button(T.undo, "undo", () => undoLast(editing, last), {
          name: T.undoName(last.words),
          kind: "button--small no-print",
        })
      : null;
  return h(
    "section",
    { class: "history no-print", "aria-labelledby": "history-title" },
    h("h2", { id: "history-title" }, T.historyTitle),
    history.length === 0
      ? h("p", { class: "hint" }, T.noHistory)
      : h("ol", { class: "history-list" }, ...history.slice(0, HISTORY_SHOWN).map(item)),
    history.length > HISTORY_SHOWN
      ? h(
          "details",
          {},
          h("summary", {}, T.olderChanges(history.length - HISTORY_SHOWN)),
          h("ol", { class: "history-list" }, ...history.slice(HISTORY_SHOWN).map(item)),
        )
      : null,
    undo ? h("div", { class: "row-actions" }, undo) : null,
  );
}

/**
 * @param {Editing} editing
 * @param {any} last  the newest change, one's own
 */
function undoLast(editing, last) {
  openDialog({
    title: T.undoQ,
    intro: [h("p", {}, h("strong", {}, last.words)), T.undoIntro],
    submitLabel: T.undo,
    onSubmit: async () => {
      await editing.save(
        [{ mutation: "undoLastChange", input: { clientId: editing.client.id } }],
        T.undone(last.words),
      );
    },
  });
}
