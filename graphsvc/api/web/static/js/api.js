// Talking to the service: GraphQL for everything a nurse reads or changes.

import { T } from "./i18n.js";
import * as session from "./session.js";

/** The token is missing, expired or refused: back to sign-in. */
export class SignedOut extends Error {}

/** The service could not be reached at all. */
export class Unreachable extends Error {}

/** The service answered, but with an error. */
export class ServiceError extends Error {}

/** A change was refused for a reason the nurse can act on. */
export class Problem extends Error {
  /**
   * @param {string} kind  the GraphQL type: ValidationError, NotFoundError, ForbiddenError
   * @param {string} message
   * @param {string | null} [field]
   */
  constructor(kind, message, field = null) {
    super(message);
    this.kind = kind;
    this.field = field;
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
    const name = error.field ? (error.field.split(".").at(-1) ?? "") : "";
    const field = name ? ` (${T.fieldNames[name] ?? name})` : "";
    return prefix ? `${prefix}${field}: ${error.message}` : error.message;
  }
  if (error instanceof Error && error.message) return error.message;
  return T.tryAgainLater;
}
