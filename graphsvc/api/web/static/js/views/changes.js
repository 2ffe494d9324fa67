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
 * A change failed because what it named is gone: say what, by name.
 * @param {{input: Record<string, unknown>}[]} steps
 * @param {any} before  the client the change was made against
 * @param {any} after  the client now
 * @returns {string}
 */
export function whatIsGone(steps, before, after) {
  const present = new Set(after.members.map((/** @type {any} */ m) => m.id));
  const activeNeeds = new Set(
    after.needs.filter((/** @type {any} */ n) => n.status === "ACTIVE").map((/** @type {any} */ n) => n.id),
  );
  for (const { input } of steps) {
    for (const key of ["personId", "supporterId"]) {
      const id = input[key];
      if (typeof id !== "string" || present.has(id)) continue;
      const member = before.members.find((/** @type {any} */ m) => m.id === id);
      if (member) return T.personGone(member.displayName);
    }
    const needId = input.needId;
    if (typeof needId === "string" && !activeNeeds.has(needId)) {
      const need = before.needs.find((/** @type {any} */ n) => n.id === needId);
      if (need) return T.needGone(need.displayName);
    }
  }
  return T.somethingGone;
}
