// A colleague's change in words: who joined or left, whose details changed,
// which needs are new or got other help. Names only, never an id.

import { T } from "../i18n.js";

/**
 * @param {any} before  the client as the page showed her
 * @param {any} after  as she is now
 * @returns {string}
 */
export function whatChanged(before, after) {
  const was = new Map(before.members.map((/** @type {any} */ m) => [m.id, m]));
  const is = new Map(after.members.map((/** @type {any} */ m) => [m.id, m]));
  const joined = after.members.filter((/** @type {any} */ m) => !was.has(m.id));
  const left = before.members.filter((/** @type {any} */ m) => !is.has(m.id));
  const changed = after.members.filter(
    (/** @type {any} */ m) => was.has(m.id) && JSON.stringify(was.get(m.id)) !== JSON.stringify(m),
  );
  const hadNeed = new Map(before.needs.map((/** @type {any} */ n) => [n.id, n]));
  const newNeeds = after.needs.filter((/** @type {any} */ n) => !hadNeed.has(n.id));
  const changedNeeds = after.needs.filter(
    (/** @type {any} */ n) =>
      hadNeed.has(n.id) && JSON.stringify(hadNeed.get(n.id)) !== JSON.stringify(n),
  );
  /** @param {any[]} list */
  const names = (list) => list.map((x) => x.displayName);
  const parts = [
    joined.length ? T.joined(names(joined)) : null,
    left.length ? T.left(names(left)) : null,
    changed.length ? T.changedPeople(names(changed)) : null,
    newNeeds.length ? T.newNeeds(names(newNeeds)) : null,
    changedNeeds.length ? T.changedNeeds(names(changedNeeds)) : null,
  ].filter(Boolean);
  return parts.length ? T.colleagueChanged(parts.join("; ")) : T.colleagueChangedSomething;
}

/**
 * The names of every person and need a page has shown, so that what is gone
 * can still be named.
 */
export class Names {
  constructor() {
    /** @type {Map<string, string>} */
    this.people = new Map();
    /** @type {Map<string, string>} */
    this.needs = new Map();
  }

  /** @param {any} client */
  remember(client) {
    for (const m of client.members) this.people.set(m.id, m.displayName);
    for (const n of client.needs) this.needs.set(n.id, n.displayName);
  }
}

/**
 * A change failed because what it named is gone: say what, by name.
 * @param {{input: Record<string, unknown>}[]} steps
 * @param {Names} names  everyone and every need the page has shown
 * @param {any} after  the client now
 * @returns {string}
 */
export function whatIsGone(steps, names, after) {
  const present = new Set(after.members.map((/** @type {any} */ m) => m.id));
  const activeNeeds = new Set(
    after.needs.filter((/** @type {any} */ n) => n.status === "ACTIVE").map((/** @type {any} */ n) => n.id),
  );
  for (const { input } of steps) {
    for (const key of ["personId", "supporterId"]) {
      const id = input[key];
      if (typeof id !== "string" || present.has(id)) continue;
      const name = names.people.get(id);
      if (name) return T.personGone(name);
    }
    const needId = input.needId;
    if (typeof needId === "string" && !activeNeeds.has(needId)) {
      const name = names.needs.get(needId);
      if (name) return T.needGone(name);
    }
  }
  return T.somethingGone;
}
