// The service's codes in the words a nurse uses, in the page's language
// (live bindings: they follow a switch of language).

import { T, onLanguageChange } from "./i18n.js";

export { hours, listed } from "./i18n.js";

/** @type {Record<string, string>} */
export let RING = T.ring;
/** @type {Record<string, string>} */
export let RING_HINT = T.ringHint;
/** @type {Record<string, string>} */
export let FREQUENCY = T.frequency;
/** @type {Record<string, string>} */
export let SUPPORT_KIND = T.supportKind;
/** @type {Record<string, string>} */
export let SEVERITY = T.severity;
/** @type {Record<string, string>} */
export let GAP_KIND = T.gapKind;
/** @type {Record<string, string>} */
export let NETWORK_TYPE = T.networkType;
/** @type {Record<string, string>} */
export let NETWORK_TYPE_HINT = T.networkTypeHint;
/** @type {Record<string, string>} */
export let DOMAIN = T.domain;
/** @type {Record<string, string>} */
export let RATING = T.rating;
/** @type {Record<string, string>} */
export let CLOSENESS = T.closeness;

/**
 * A role or relationship as the data has it, in the page's language when it
 * is one of the words the service keeps in English ("general practitioner":
 * "huisarts"); anything the nurse typed herself is shown as she typed it.
 * @param {string | null | undefined} words
 * @returns {string}
 */
export function said(words) {
  if (!words) return "";
  /** @type {Record<string, string>} */
  const known = T.said;
  return known[words.toLowerCase()] ?? words;
}

onLanguageChange(() => {
  RING = T.ring;
  RING_HINT = T.ringHint;
  FREQUENCY = T.frequency;
  SUPPORT_KIND = T.supportKind;
  SEVERITY = T.severity;
  GAP_KIND = T.gapKind;
  NETWORK_TYPE = T.networkType;
  NETWORK_TYPE_HINT = T.networkTypeHint;
  DOMAIN = T.domain;
  RATING = T.rating;
  CLOSENESS = T.closeness;
});
