// Signing in: paste a token, or (in development) pick a nurse of a team.

import { SignedOut, describe, plainJson, whoIs } from "../api.js";
import { fill, h } from "../dom.js";
import { selectField, text, textField } from "../editing/fields.js";
import { T } from "../i18n.js";
import * as session from "../session.js";
import { said } from "../words.js";

/**
 * @param {HTMLElement} main
 * @param {{message?: string, onSignedIn: () => void}} options
 */
export function showSignIn(main, options) {
  const problem = h("div", { class: "problem", role: "alert" });
  if (options.message) problem.textContent = options.message;

  const tokenId = "sign-in-token";
  const tokenForm = /** @type {HTMLFormElement} */ (
    h(
      "form",
      { class: "card" },
      h("h2", {}, T.withToken),
      h(
        "div",
        { class: "field" },
        h("label", { for: tokenId }, T.accessToken),
        h(
          "p",
          { class: "hint", id: `${tokenId}-hint` },
          T.tokenHint,
        ),
        h("textarea", {
          id: tokenId,
          name: "token",
          rows: 4,
          required: true,
          spellcheck: "false",
          autocomplete: "off",
          "aria-describedby": `${tokenId}-hint`,
        }),
      ),
      h("button", { type: "submit", class: "button button--primary" }, T.signIn),
    )
  );
  tokenForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (text(tokenForm, "token") ?? "").replace(/^Bearer\s+/i, "");
    await signInWith(value);
  });

  /** @param {string} value */
  async function signInWith(value) {
    problem.textContent = "";
    try {
      await whoIs(value);
      session.signIn(value);
      options.onSignedIn();
    } catch (error) {
      problem.textContent =
        error instanceof SignedOut ? error.message : T.couldNotSignIn(describe(error));
    }
  }

  const devArea = h("div");
  fill(
    main,
    h(
      "section",
      { class: "sign-in", "aria-labelledby": "sign-in-title" },
      h("h1", { id: "sign-in-title", tabindex: "-1" }, T.signIn),
      h(
        "p",
        { class: "lead" },
        T.signInLead,
      ),
      problem,
      tokenForm,
      devArea,
    ),
  );
  main.querySelector("h1")?.focus();
  offerDevPick(devArea, signInWith);
}

/**
 * Only a development server answers here; elsewhere nothing is shown.
 * @param {HTMLElement} area
 * @param {(token: string) => Promise<void>} signInWith
 * @param {string} [team]
 */
async function offerDevPick(area, signInWith, team) {
  const query = team ? `?team=${encodeURIComponent(team)}` : "";
  let answer;
  try {
    answer = await plainJson(`/api/web/dev/nurses${query}`);
  } catch {
    return;
  }
  if (answer.status !== 200 && !team) return;
  const note = h("p", { class: "problem", role: "alert" });
  const teamField = textField({
    name: "team",
    label: T.team,
    value: answer.body?.team ?? team ?? "",
  });
  const nurses = answer.status === 200 ? answer.body.nurses : [];
  if (answer.status !== 200) note.textContent = answer.body?.message ?? T.noSuchTeam;
  const nurseField = selectField({
    name: "nurse",
    label: T.nurse,
    options: nurses.map(
      (/** @type {{id: string, name: string, role: string | null}} */ n) =>
        /** @type {[string, string]} */ ([n.id, n.role ? `${n.name}, ${said(n.role)}` : n.name]),
    ),
  });
  const showTeam = h("button", { type: "button", class: "button" }, T.showTeam);
  const form = /** @type {HTMLFormElement} */ (
    h(
      "form",
      { class: "card card--dev" },
      h("h2", {}, T.devTitle),
      h("p", { class: "hint" }, T.devHint),
      h("div", { class: "inline-fields" }, teamField, showTeam),
      note,
      nurses.length ? nurseField : null,
      nurses.length
        ? h("button", { type: "submit", class: "button button--primary" }, T.signInAsNurse)
        : null,
    )
  );
  showTeam.addEventListener("click", () => {
    const chosen = text(form, "team") ?? "";
    offerDevPick(area, signInWith, chosen).then(() => area.querySelector("input")?.focus());
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    note.textContent = "";
    const minted = await plainJson("/api/web/dev/token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ team: text(form, "team"), nurse: text(form, "nurse") }),
    }).catch((error) => ({ status: 0, body: { message: describe(error) } }));
    if (minted.status !== 200) {
      note.textContent = minted.body?.message ?? T.serverAnswered(minted.status);
      return;
    }
    await signInWith(minted.body.token);
  });
  fill(area, form);
}
