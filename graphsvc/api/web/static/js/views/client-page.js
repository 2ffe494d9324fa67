// One client: her onion, her gaps, needs and people, and every change to them.

import { Conflict, graphql } from "../api.js";
import { fill, h, toast } from "../dom.js";
import { addNeed, linkHelper, rateNeed, resolveNeed, unlinkHelper } from "../editing/need-forms.js";
import { addPerson, changePerson, removePerson } from "../editing/person-form.js";
import { drawOnion } from "../onion/draw.js";
import { RINGS } from "../onion/layout.js";
import { CLIENT, applySteps } from "../queries.js";
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
} from "../words.js";

/** @typedef {import("../editing/person-form.js").Editing} Editing */

/** The client is not there, or not this nurse's to see. */
export class ClientMissing extends Error {}

/** @param {string} id */
async function fetchClient(id) {
  const data = await graphql(CLIENT, { id });
  if (!data.client) {
    throw new ClientMissing(
      "This client cannot be found. She may have moved to another team, or the link is wrong.",
    );
  }
  return data.client;
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
  fill(main, h("p", { class: "loading", role: "status" }, "Loading the onion…"));
  let client = await fetchClient(clientId);
  const nurses = await profile.nursesOf(client.team?.id ?? null);

  const reload = async () => {
    client = await fetchClient(clientId);
    render();
  };

  /** @type {Editing} */
  const editing = {
    get client() {
      return client;
    },
    nurses,
    async save(steps, done) {
      try {
        await applySteps(steps, client.version);
      } catch (error) {
        // Show the colleague's change at once; the dialog keeps the nurse's entries.
        if (error instanceof Conflict) await reload();
        throw error;
      }
      await reload();
      toast(done);
    },
  };

  /** @param {{needId?: string}} [preset] */
  const addSomeone = (preset) => addPerson(editing, preset);

  const render = () => {
    const scroll = window.scrollY;
    fill(main, clientView(client, editing, addSomeone));
    window.scrollTo(0, scroll);
  };
  render();
  /** @type {HTMLElement | null} */ (main.querySelector("h1"))?.focus();
}

/**
 * @param {any} client
 * @param {Editing} editing
 * @param {(preset?: {needId?: string}) => void} addSomeone
 */
function clientView(client, editing, addSomeone) {
  const members = new Map(client.members.map((/** @type {any} */ m) => [m.id, m]));
  const onion = drawOnion(client, {
    onPerson: (id) => changePerson(editing, members.get(id)),
    onNeed: (id) => linkHelper(editing, { needId: id }, () => addSomeone({ needId: id })),
  });

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
    years !== null ? `${years} years` : null,
    client.team?.name ?? null,
  ].filter(Boolean);

  return h(
    "article",
    { class: "client-page", "aria-labelledby": "client-title" },
    h(
      "header",
      { class: "client-header" },
      h(
        "nav",
        { class: "crumbs no-print", "aria-label": "Breadcrumb" },
        h("a", { href: "#/" }, "← All clients"),
      ),
      h("h1", { id: "client-title", tabindex: "-1" }, client.name),
      h("p", { class: "meta" }, meta.join(" · ")),
      h(
        "p",
        { class: "print-only meta" },
        `Printed ${new Date().toLocaleDateString()} · network version ${client.version}`,
      ),
    ),
    h(
      "div",
      { class: "client-body" },
      h(
        "figure",
        { class: "onion-figure" },
        onion,
        h(
          "figcaption",
          { class: "legend" },
          ...RINGS.map((ring) =>
            h("span", { class: `key key--${ring.toLowerCase()}` }, RING[ring]),
          ),
          h("span", { class: "key key--uncovered" }, "no help yet"),
          h("span", { class: "key key--single" }, "one helper"),
          h("span", { class: "key key--overloaded" }, "too much on one person"),
          h("span", { class: "key key--line" }, "line width: hours a week"),
        ),
      ),
      h(
        "div",
        { class: "side" },
        glanceSection(client, editing, addSomeone),
        gapsSection(client, editing, addSomeone, pointsAt),
        needsSection(client, editing, addSomeone, pointsAt),
        peopleSection(client, editing, pointsAt),
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
    { class: "glance", "aria-label": "At a glance" },
    h(
      "dl",
      { class: "strength" },
      h(
        "div",
        { class: "score" },
        h("dt", {}, "Network strength"),
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
            "aria-label": "Network strength",
          }),
        ),
      ),
      h(
        "div",
        { class: "type" },
        h("dt", {}, "Network type"),
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
        h("dt", {}, "People"),
        h(
          "dd",
          {},
          `${strength.informalMembers} informal · ${strength.teamMembers} team · ` +
            `${strength.formalMembers} formal · ${strength.closeContacts} close contacts`,
        ),
      ),
    ),
    h(
      "div",
      { class: "toolbar no-print", role: "group", "aria-label": "Change the onion" },
      button("Add a person", "add-person", () => addSomeone(), { kind: "button--primary" }),
      button("Add a need", "add-need", () => addNeed(editing)),
      button("Print", "print", () => window.print(), { name: "Print for the home-visit folder" }),
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
    h("h2", { id: "gaps-title" }, `Gaps in support (${client.gaps.length})`),
    client.gaps.length === 0
      ? h("p", { class: "all-well" }, "No gaps found: every need has help and the network holds.")
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
                  "Add someone who helps",
                  `gap-add:${need.id}`,
                  () => addSomeone({ needId: need.id }),
                  {
                    name: `Add someone who helps with ${need.displayName}`,
                    kind: "button--small",
                  },
                ),
                button(
                  "Choose a helper from the onion",
                  `gap-link:${need.id}:${i}`,
                  () =>
                    linkHelper(editing, { needId: need.id }, () => addSomeone({ needId: need.id })),
                  {
                    name: `Choose a helper from the onion for ${need.displayName}`,
                    kind: "button--small",
                  },
                ),
              );
            } else if (gap.kind === "SINGLE_SUPPORTER" && need) {
              actions.push(
                button(
                  "Add a second helper",
                  `gap-second:${need.id}`,
                  () =>
                    linkHelper(editing, { needId: need.id }, () => addSomeone({ needId: need.id })),
                  {
                    name: `Add a second helper for ${need.displayName}`,
                    kind: "button--small",
                  },
                ),
              );
            } else if (gap.kind === "ISOLATED_CLIENT") {
              actions.push(
                button("Add a person", "gap-isolated", () => addSomeone(), {
                  name: `Add a person close to ${client.name}`,
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
                h("p", { class: "explanation" }, gap.explanation),
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
          helpers.length === 0 ? h("span", { class: "badge badge--high" }, "no help yet") : null,
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
                    "Stop",
                    `stop:${need.id}:${tie.supporter.id}`,
                    () => unlinkHelper(editing, need, person),
                    {
                      name: `Stop: ${person?.displayName} no longer helps with ${need.displayName}`,
                      kind: "button--small button--quiet no-print",
                    },
                  ),
                );
              }),
            )
          : null,
        h("p", { class: "ratings hint" }, ratingsLine(need)),
        h(
          "div",
          { class: "row-actions no-print" },
          button(
            "Who helps",
            `helps:${need.id}`,
            () => linkHelper(editing, { needId: need.id }, () => addSomeone({ needId: need.id })),
            {
              name: `Who helps with ${need.displayName}`,
              kind: "button--small",
            },
          ),
          button("Rate", `rate:${need.id}`, () => rateNeed(editing, need), {
            name: `Rate ${need.displayName}`,
            kind: "button--small",
          }),
          button("Resolved", `resolve:${need.id}`, () => resolveNeed(editing, need), {
            name: `Mark ${need.displayName} as resolved`,
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
    h("h2", { id: "needs-title" }, `Needs (${active.length})`),
    active.length
      ? h("ul", { class: "need-list" }, ...active.map(item))
      : h("p", {}, "No active needs."),
    resolved.length
      ? h(
          "details",
          { class: "resolved" },
          h("summary", {}, `Resolved needs (${resolved.length})`),
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
    h("h2", { id: "people-title" }, `People (${client.members.length})`),
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
          ? h("p", { class: "hint" }, "Nobody yet.")
          : h(
              "ul",
              { class: "person-list" },
              ...inRing.map((/** @type {any} */ m) => {
                const touch = [
                  m.contactFrequency ? `in touch ${FREQUENCY[m.contactFrequency]}` : null,
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
                      h("strong", {}, m.displayName),
                      m.relationship || m.role
                        ? h("span", { class: "hint" }, ` – ${m.relationship ?? m.role}`)
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
                        ? `Helps with ${listed(helps)}`
                        : "Does not help with a need yet",
                    ),
                    h(
                      "div",
                      { class: "row-actions no-print" },
                      button(
                        "Helps with…",
                        `help:${m.id}`,
                        () => linkHelper(editing, { personId: m.id }),
                        {
                          name: `Say what ${m.displayName} helps with`,
                          kind: "button--small",
                        },
                      ),
                      button("Change", `change:${m.id}`, () => changePerson(editing, m), {
                        name: `Change ${m.displayName}`,
                        kind: "button--small",
                      }),
                      button("Remove", `remove:${m.id}`, () => removePerson(editing, m), {
                        name: `Remove ${m.displayName}`,
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
