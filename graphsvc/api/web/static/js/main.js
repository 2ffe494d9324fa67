// The page's shell: who is signed in, which view is shown, and what to say
// when something goes wrong (never a blank page).

import { SignedOut, describe, graphql } from "./api.js";
import { fill, h } from "./dom.js";
import { closeAll } from "./editing/dialog.js";
import { LANGUAGE, T, applyLanguage, switchLanguage } from "./i18n.js";
import { ME, TEAM } from "./queries.js";
import * as session from "./session.js";
import { showAdmit } from "./views/admit-client.js";
import { showClient } from "./views/client-page.js";
import { showClients } from "./views/client-list.js";
import { showSignIn } from "./views/sign-in.js";

/**
 * @typedef {{id: string, name: string, role: string | null}} Nurse
 * @typedef {{subject: string, role: string, teams: string[], teamName: string | null,
 *            displayName: string, nursesOf: (teamId: string | null) => Promise<Nurse[]>}} Profile
 */

const main = /** @type {HTMLElement} */ (document.getElementById("main"));
const account = /** @type {HTMLElement} */ (document.getElementById("account"));

/** @type {Profile | null} */
let profile = null;

/** @returns {Promise<Profile>} */
async function loadProfile() {
  const { me } = await graphql(ME);
  /** @type {Map<string, Promise<{name: string, nurses: Nurse[]} | null>>} */
  const teams = new Map();
  /** @param {string} id */
  const team = (id) => {
    if (!teams.has(id)) {
      teams.set(
        id,
        graphql(TEAM, { id }).then(
          (data) => data.team,
          () => null,
        ),
      );
    }
    return /** @type {Promise<{name: string, nurses: Nurse[]} | null>} */ (teams.get(id));
  };
  const first = me.teams.length ? await team(me.teams[0]) : null;
  const self = first?.nurses.find((n) => n.id === me.subject);
  return {
    subject: me.subject,
    role: me.role,
    teams: me.teams,
    teamName: me.teams.length === 1 ? (first?.name ?? null) : null,
    displayName: self?.name ?? me.subject,
    nursesOf: async (teamId) => (teamId ? ((await team(teamId))?.nurses ?? []) : []),
  };
}

/** The switch between Dutch and English, always in the app bar. */
function showLanguageSwitch() {
  const brand = document.querySelector(".brand");
  if (brand) brand.textContent = T.brand;
  const bar = document.querySelector(".app-bar");
  if (!bar) return;
  bar.querySelector(".language")?.remove();
  const other = LANGUAGE === "nl" ? "en" : "nl";
  const change = h(
    "button",
    {
      type: "button",
      class: "button button--on-dark language",
      lang: other,
      "aria-label": T.switchLabel,
    },
    T.switchTo,
  );
  change.addEventListener("click", () => switchLanguage());
  bar.append(change);
  return change;
}

/**
 * What the nurse has typed or chosen in the view's fields, by name, to be put
 * back after the view is drawn again.
 * @returns {() => void}  puts it back
 */
function keepEntries() {
  const fields = () =>
    /** @type {(HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[]} */ ([
      ...main.querySelectorAll("input[name], select[name], textarea[name]"),
    ]).filter((f) => f.type !== "hidden");
  const key = (/** @type {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} */ f) =>
    f.type === "radio" || f.type === "checkbox" ? `${f.name}=${f.value}` : f.name;
  const kept = new Map(
    fields().map((f) => [
      key(f),
      f instanceof HTMLInputElement && (f.type === "radio" || f.type === "checkbox")
        ? f.checked
        : f.value,
    ]),
  );
  return () => {
    for (const f of fields()) {
      const value = kept.get(key(f));
      if (value === undefined) continue;
      if (typeof value === "boolean") /** @type {HTMLInputElement} */ (f).checked = value;
      else f.value = value;
    }
  };
}

// Another language: every word is drawn again in place, nothing is reloaded.
// The client page redraws itself (it keeps its network, places and scroll);
// any other view is drawn again with what the nurse typed kept. A dialog
// cannot be open meanwhile: dialogs are modal, the switch is outside them.
window.addEventListener("language-changed", async () => {
  const change = showLanguageSwitch();
  showAccount();
  change?.focus({ preventScroll: true });
  if (main.querySelector("[data-client-page]")) return;
  const scroll = window.scrollY;
  const putBack = keepEntries();
  await route();
  putBack();
  window.scrollTo(0, scroll);
  change?.focus({ preventScroll: true });
});

function showAccount() {
  if (!profile) {
    account.replaceChildren();
    return;
  }
  const signOut = h("button", { type: "button", class: "button button--on-dark" }, T.signOut);
  signOut.addEventListener("click", () => {
    session.signOut();
    profile = null;
    location.hash = "#/";
    route();
  });
  fill(
    account,
    h(
      "span",
      { class: "who" },
      profile.displayName,
      profile.teamName ? h("span", { class: "team" }, ` · ${profile.teamName}`) : null,
    ),
    signOut,
  );
}

/** @param {string} [message] */
function toSignIn(message) {
  closeAll();
  profile = null;
  showAccount();
  showSignIn(main, {
    message,
    onSignedIn: () => route(),
  });
}

/**
 * Something went wrong: say what, and offer a way on.
 * @param {unknown} error
 */
function showProblem(error) {
  const retry = h("button", { type: "button", class: "button button--primary" }, T.tryAgain);
  retry.addEventListener("click", () => route());
  fill(
    main,
    h(
      "section",
      { class: "problem-page", "aria-labelledby": "problem-title" },
      h("h1", { id: "problem-title", tabindex: "-1" }, T.somethingWrong),
      h("p", { class: "problem", role: "alert" }, describe(error)),
      h("p", { class: "actions" }, retry, " ", h("a", { href: "#/" }, T.backToClients)),
    ),
  );
  /** @type {HTMLElement | null} */ (main.querySelector("h1"))?.focus();
}

let routing = 0;

async function route() {
  routing += 1;
  const mine = routing;
  closeAll();
  if (!session.token()) {
    toSignIn();
    return;
  }
  try {
    if (!profile) {
      profile = await loadProfile();
      showAccount();
    }
    const path = location.hash.replace(/^#/, "") || "/";
    const match = /^\/clients\/([^/]+)$/.exec(path);
    if (match) {
      await showClient(main, decodeURIComponent(match[1]), profile);
    } else if (path === "/admit") {
      await showAdmit(main, profile);
    } else {
      await showClients(main, profile);
      if (mine === routing) /** @type {HTMLElement | null} */ (main.querySelector("h1"))?.focus();
    }
  } catch (error) {
    if (mine !== routing) return;
    if (error instanceof SignedOut) toSignIn(error.message);
    else showProblem(error);
  }
}

window.addEventListener("hashchange", () => route());
window.addEventListener("signed-out", (event) => {
  toSignIn(/** @type {CustomEvent<string>} */ (event).detail);
});

// Anything not caught on its way: a signed-out token anywhere goes back to
// sign-in; anything else is said in words at the top of the page.
window.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (event.reason instanceof SignedOut) toSignIn(event.reason.message);
  else banner(describe(event.reason));
});
window.addEventListener("error", (event) => banner(describe(event.error ?? event.message)));

/** @param {string} message */
function banner(message) {
  const area = document.getElementById("banner");
  if (!area) return;
  area.textContent = T.banner(message);
  area.hidden = false;
}

applyLanguage();
showLanguageSwitch();
route();
