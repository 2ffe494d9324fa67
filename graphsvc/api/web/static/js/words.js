// The service's codes in the words a nurse uses, in the page's language.

import { T } from "./i18n.js";

export { hours, listed } from "./i18n.js";

/** @type {Record<string, string>} */
export const RING = T.ring;
/** @type {Record<string, string>} */
export const RING_HINT = T.ringHint;
/** @type {Record<string, string>} */
export const FREQUENCY = T.frequency;
/** @type {Record<string, string>} */
export const SUPPORT_KIND = T.supportKind;
/** @type {Record<string, string>} */
export const SEVERITY = T.severity;
/** @type {Record<string, string>} */
export const GAP_KIND = T.gapKind;
/** @type {Record<string, string>} */
export const NETWORK_TYPE = T.networkType;
/** @type {Record<string, string>} */
export const NETWORK_TYPE_HINT = T.networkTypeHint;
/** @type {Record<string, string>} */
export const DOMAIN = T.domain;
/** @type {Record<string, string>} */
export const RATING = T.rating;
/** @type {Record<string, string>} */
export const CLOSENESS = T.closeness;
