// The GraphQL the page sends, in one place.

import { Conflict, Problem, graphql } from "./api.js";

export const ME = `query Me { me { subject role teams } }`;

export const TEAM = `query Team($id: ID!) { team(id: $id) { id name nurses { id name role } } }`;

export const CLIENTS = `query Clients($after: String) {
  clients(first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id name neighbourhood gaps { kind severity } strength { score } }
  }
}`;

export const CLIENT = `query Client($id: ID!) {
  client(id: $id) {
    id name neighbourhood birthDate version
    team { id name }
    members {
      id displayName ring personRing role relationship contact contactFrequency closeness
    }
    needs {
      id displayName code domain status since
      problem { display nameNl }
      supporters { supporter { id } kind frequency hoursPerWeek status }
      latestRatings {
        knowledge { value effective labelNl labelEn }
        behavior { value effective labelNl labelEn }
        status { value effective labelNl labelEn }
      }
      trends { dimension change ratings { value effective } }
    }
    knows { a { id } b { id } }
    history { at who yours words version whoEn wordsEn }
    gaps { kind severity explanation subjects { __typename id } }
    strength {
      score networkType informalMembers teamMembers formalMembers closeContacts activeNeeds
    }
  }
}`;

/** Only the version: has the network moved since the page read it? */
export const VERSION = `query Version($id: ID!) { client(id: $id) { version } }`;

export const OMAHA = `query Omaha($search: String) {
  omahaProblems(search: $search) { code display nameNl domain domainNl }
}`;

const INPUT_TYPES = {
  addMember: "AddMemberInput",
  updateMember: "UpdateMemberInput",
  removeMember: "RemoveMemberInput",
  addNeed: "AddNeedInput",
  resolveNeed: "NeedRefInput",
  linkSupporter: "LinkSupporterInput",
  unlinkSupporter: "UnlinkSupporterInput",
  recordRating: "RecordRatingInput",
  undoLastChange: "UndoInput",
  addKnows: "KnowsInput",
  removeKnows: "KnowsInput",
};

/** @typedef {keyof typeof INPUT_TYPES} MutationName */

/**
 * One change to a client's network.
 * @typedef {{mutation: MutationName, input: Record<string, unknown>}} Step
 */

/**
 * Send the steps one after the other, each against the version the one
 * before left, starting from the version the page last loaded.
 * @param {Step[]} steps
 * @param {number} version
 * @returns {Promise<number>} the client's version afterwards
 */
export async function applySteps(steps, version) {
  let current = version;
  for (const { mutation, input } of steps) {
    const query = `mutation Change($input: ${INPUT_TYPES[mutation]}!) {
      result: ${mutation}(input: $input) {
        __typename
        ... on NetworkChange { version changed }
        ... on Problem { message code }
        ... on ValidationError { field minimum maximum }
        ... on ConflictError { currentVersion }
      }
    }`;
    const { result } = await graphql(query, { input: { ...input, expectedVersion: current } });
    if (result.__typename === "NetworkChange") {
      current = result.version;
    } else if (result.__typename === "ConflictError") {
      throw new Conflict(result.message, result.currentVersion);
    } else {
      throw problemOf(result);
    }
  }
  return current;
}

/**
 * Take a new client into care. Resolves to her id.
 * @param {Record<string, unknown>} input  AdmitClientInput
 * @returns {Promise<string>}
 */
export async function admitClient(input) {
  const { result } = await graphql(
    `mutation Admit($input: AdmitClientInput!) {
      result: admitClient(input: $input) {
        __typename
        ... on NetworkChange { client { id } }
        ... on Problem { message code }
        ... on ValidationError { field minimum maximum }
        ... on ConflictError { currentVersion }
      }
    }`,
    { input },
  );
  if (result.__typename === "NetworkChange") return result.client.id;
  throw problemOf(result);
}

export const DIRECTORY = `query Directory($search: String!, $role: String) {
  directory(search: $search, role: $role, first: 12) {
    id name role ring isOrganization organizations { name }
  }
}`;

export const RATING_SCALE = `query Scale {
  ratingScale { dimension nameNl nameEn levels { value labelNl labelEn } }
}`;

/**
 * A refusal as the page keeps it: its kind, the service's words, its field,
 * code and bounds.
 * @param {{__typename: string, message: string, code?: string | null, field?: string | null,
 *          minimum?: number | null, maximum?: number | null}} result
 */
function problemOf(result) {
  const { field, code, minimum, maximum } = result;
  return new Problem(result.__typename, result.message, { field, code, minimum, maximum });
}
