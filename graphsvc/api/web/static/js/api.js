// Talking to the service: GraphQL for everything a nurse reads or changes.

import { T, formatNumber } from "./i18n.js";
import * as session from "./session.js";

/** The token is missing, expired or refused: back to sign-in. */
export class SignedOut extends Error {}

/** The service could not be reached at all. */
export class Unreachable extends Error {}

/** The service answered, but with an error. */
export class ServiceError extends Error {}

/**
 * What the service says of a refusal besides its words: the field, the
 * reason as a code the page translates, and the bounds that code speaks of.
 * @typedef {{field?: string | null, code?: string | null,
 *            minimum?: number | null, maximum?: number | null}} ProblemDetails
 */

/** A change was refused for a reason the nurse can act on. */
export class Problem extends Error {
  /**
   * @param {string} kind  the GraphQL type: ValidationError, NotFoundError, ForbiddenError
   * @param {string} message  the service's own words (English)
   * @param {ProblemDetails} [details]
   */
  constructor(kind, message, details = {}) {
    super(message);
    this.kind = kind;
    this.field = details.field ?? null;
    this.code = details.code ?? null;
    this.minimum = details.minimum ?? null;
    this.maximum = details.maximum ?? null;
  }
}

/** What a change was about was removed meanwhile (said by name). */
export class Gone extends Error {}

/** Somebody else changed the client since the page loaded her. */
export class Conflict extends Error {
  /** @param {string} message @param {number} currentVersion */
  constructor(message, currentVersion) {
    super(message);
    this.currentVersion = currentVersion;
  }
}

/**
 * @param {Response} response
 * @returns {Promise<any>}
 */
async function bodyOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/**
 * @param {string} url
 * @param {RequestInit} init
 */
async function send(url, init) {
  try {
    return await fetch(url, init);
  } catch {
    throw new Unreachable(T.unreachable);
  }
}

/**
 * Run a query or mutation as the signed-in nurse.
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @returns {Promise<any>}
 */
export async function graphql(query, variables = {}) {
  const bearer = session.token();
  if (!bearer) throw new SignedOut(T.pleaseSignIn);
  const response = await send("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await bodyOf(response);
  if (response.status === 401) {
    session.signOut();
    const message = T.noLongerValid(body?.message ?? "");
    window.dispatchEvent(new CustomEvent("signed-out", { detail: message }));
    throw new SignedOut(message);
  }
  if (!response.ok || body === null) {
    const detail = body?.message ?? body?.errors?.[0]?.message ?? response.statusText;
    throw new ServiceError(T.serviceError(response.status, detail));
  }
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    const messages = body.errors.map((/** @type {{message: string}} */ e) => e.message);
    throw new ServiceError(T.couldNotAnswer(messages.join(" ")));
  }
  return body.data;
}

/**
 * A plain JSON request without a token (sign-in helpers).
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<{status: number, body: any}>}
 */
export async function plainJson(url, init = {}) {
  const response = await send(url, init);
  return { status: response.status, body: await bodyOf(response) };
}

/**
 * Who a token belongs to, without keeping it.
 * @param {string} bearer
 * @returns {Promise<{subject: string, role: string, teams: string[]}>}
 */
export async function whoIs(bearer) {
  const response = await send("/api/me", { headers: { Authorization: `Bearer ${bearer}` } });
  const body = await bodyOf(response);
  if (response.status === 401) {
    throw new SignedOut(T.tokenRefused(body?.message ?? T.unknownReason));
  }
  if (!response.ok || body === null) {
    throw new ServiceError(T.serviceStatus(response.status));
  }
  return body;
}

/**
 * An error in words a nurse can act on.
 * @param {unknown} error
 * @returns {string}
 */
export function describe(error) {
  if (error instanceof Conflict) {
    return T.conflict;
  }
  if (error instanceof Problem) {
    const prefix = {
      ValidationError: T.problemValidation,
      NotFoundError: T.problemNotFound,
      ForbiddenError: T.problemForbidden,
    }[error.kind];
    // "helpsWith[0].minutesPerWeek": the last name, without its place in a list
    const name = (error.field?.split(".").at(-1) ?? "").replace(/\[\d+\]$/, "");
    const field = name ? ` (${Object.hasOwn(T.fieldNames, name) ? T.fieldNames[name] : name})` : "";
    const reason = reasonOf(error);
    if (reason) return prefix ? `${prefix}${field}: ${reason}` : reason;
    // a reason the page has no words for: the service's own, said as such
    const said = T.serviceSaid(error.message);
    return prefix ? `${prefix}${field}. ${said}` : said;
  }
  if (error instanceof Error && error.message) return error.message;
  return T.tryAgainLater;
}

/**
 * The reason of a refusal in the reader's language, from its code; null when
 * the page has no words for the code (or there is none).
 * @param {Problem} problem
 * @returns {string | null}
 */
function reasonOf(problem) {
  if (!problem.code || !Object.hasOwn(T.reasons, problem.code)) return null;
  const words = T.reasons[problem.code];
  if (typeof words === "string") return words;
  const number = (/** @type {number | null} */ value) =>
    value === null ? null : formatNumber(value, 2);
  return words({ minimum: number(problem.minimum), maximum: number(problem.maximum) });
}
