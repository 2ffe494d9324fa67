// The service's codes in the words a nurse uses.

/** @type {Record<string, string>} */
export const RING = {
  INFORMAL: "Informal network",
  TEAM: "Team",
  FORMAL: "Formal network",
};

/** @type {Record<string, string>} */
export const RING_HINT = {
  INFORMAL: "family, friends, neighbours",
  TEAM: "the nurses of the team",
  FORMAL: "GP, pharmacist, physio, social work",
};

/** @type {Record<string, string>} */
export const FREQUENCY = {
  DAILY: "daily",
  SEVERAL_TIMES_A_WEEK: "several times a week",
  WEEKLY: "weekly",
  MONTHLY: "monthly",
  LESS_OFTEN: "less often",
};

/** @type {Record<string, string>} */
export const SUPPORT_KIND = {
  PRACTICAL: "practical help",
  HOUSEHOLD: "household",
  PERSONAL_CARE: "personal care",
  EMOTIONAL: "emotional support",
  INFORMATIONAL: "information and advice",
  NURSING: "nursing",
  MEDICAL: "medical",
  COORDINATION: "coordination",
};

/** @type {Record<string, string>} */
export const SEVERITY = { HIGH: "High", MEDIUM: "Medium", LOW: "Low" };

/** @type {Record<string, string>} */
export const GAP_KIND = {
  UNCOVERED_NEED: "Need without help",
  SINGLE_SUPPORTER: "Only one helper",
  SINGLE_POINT_OF_FAILURE: "Everything rests on one person",
  OVERLOADED_CARER: "Carer overloaded",
  ISOLATED_CLIENT: "Isolated",
  NO_TEAM_CONTACT: "No team contact",
  NO_GP: "No GP",
  FRAGMENTED_FORMAL_NETWORK: "Professionals not connected",
  TEAM_TOO_LARGE: "Team too large",
  CASELOAD_TOO_LARGE: "Caseload too large",
  LOW_CONTINUITY: "Low continuity",
};

/** @type {Record<string, string>} */
export const NETWORK_TYPE = {
  FAMILY_DEPENDENT: "Family-dependent",
  LOCALLY_INTEGRATED: "Locally integrated",
  LOCAL_SELF_CONTAINED: "Local self-contained",
  WIDER_COMMUNITY_FOCUSED: "Wider community-focused",
  PRIVATE_RESTRICTED: "Private restricted",
  NO_INFORMAL_NETWORK: "No informal network",
};

/** @type {Record<string, string>} */
export const NETWORK_TYPE_HINT = {
  FAMILY_DEPENDENT: "relies mainly on close family",
  LOCALLY_INTEGRATED: "family, friends and neighbours close by",
  LOCAL_SELF_CONTAINED: "a few neighbours, family at a distance",
  WIDER_COMMUNITY_FOCUSED: "friends and community rather than family",
  PRIVATE_RESTRICTED: "no family nearby; hardly anyone in touch but a partner",
  NO_INFORMAL_NETWORK: "nobody recorded in the informal ring",
};

/** @type {Record<string, string>} */
export const DOMAIN = {
  ENVIRONMENTAL: "Environmental",
  PSYCHOSOCIAL: "Psychosocial",
  PHYSIOLOGICAL: "Physiological",
  HEALTH_RELATED_BEHAVIORS: "Health-related behaviours",
};

/** @type {Record<string, string>} */
export const RATING = { KNOWLEDGE: "Knowledge", BEHAVIOR: "Behaviour", STATUS: "Status" };

/** @type {Record<string, string>} */
export const CLOSENESS = { 1: "not very close", 2: "close", 3: "very close" };

/** @param {number} hours */
export function hours(hours) {
  if (hours === 0) return "";
  const rounded = hours < 1 ? Math.round(hours * 60) : Math.round(hours * 10) / 10;
  return hours < 1 ? `${rounded} min a week` : `${rounded} h a week`;
}

/**
 * "a, b and c"
 * @param {string[]} items
 */
export function listed(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
