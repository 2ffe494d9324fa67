// Which language the page speaks: Dutch first, English on request. Chosen
// when the page starts (the nurse's own choice kept in localStorage, else the
// browser's languages); switching keeps the choice and changes the words in
// place: T, LANGUAGE and LOCALE are live bindings, and a "language-changed"
// event on window tells the page to draw itself again.

import { en } from "./i18n/en.js";
import { nl } from "./i18n/nl.js";

const KEY = "graphsvc.language";
const DICTIONARIES = { nl, en };

/** @typedef {"nl" | "en"} Language */

/** @returns {Language | null} */
function stored() {
  try {
    const value = localStorage.getItem(KEY);
    return value === "nl" || value === "en" ? value : null;
  } catch {
    return null;
  }
}

/**
 * The first of the browser's languages the page speaks; Dutch when none.
 * @param {readonly string[]} languages
 * @returns {Language}
 */
export function fromBrowser(languages) {
  for (const tag of languages) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "nl" || base === "en") return base;
  }
  return "nl";
}

/** @type {Language} */
export let LANGUAGE = stored() ?? fromBrowser(navigator.languages ?? [navigator.language]);

/** The words of the chosen language. */
export let T = DICTIONARIES[LANGUAGE];

/** The locale dates and numbers are written in. */
export let LOCALE = localeOf(LANGUAGE);

/** @param {Language} language */
function localeOf(language) {
  return language === "nl" ? "nl-NL" : "en-GB";
}

/** @param {string} locale */
function dateFormats(locale) {
  const day = /** @type {const} */ ({ day: "numeric", month: "long", year: "numeric" });
  return {
    date: new Intl.DateTimeFormat(locale, day),
    dateTime: new Intl.DateTimeFormat(locale, { ...day, hour: "2-digit", minute: "2-digit" }),
  };
}

let DATES = dateFormats(LOCALE);

/** @type {(() => void)[]} */
const followers = [];

/**
 * Have `follow` called first thing on a switch of language, before the page
 * hears of it: for modules that keep words of their own.
 * @param {() => void} follow
 */
export function onLanguageChange(follow) {
  followers.push(follow);
}

/**
 * Speak the other language from now on, and keep the choice (when the browser
 * lets the page keep anything). The page is drawn again in place on the
 * "language-changed" event; nothing is reloaded.
 */
export function switchLanguage() {
  LANGUAGE = LANGUAGE === "nl" ? "en" : "nl";
  T = DICTIONARIES[LANGUAGE];
  LOCALE = localeOf(LANGUAGE);
  DATES = dateFormats(LOCALE);
  try {
    localStorage.setItem(KEY, LANGUAGE);
  } catch {
    // not kept; this page still speaks it
  }
  applyLanguage();
  for (const follow of followers) follow();
  window.dispatchEvent(new CustomEvent("language-changed", { detail: LANGUAGE }));
}

/** Put the language on the document: <html lang>, the title. */
export function applyLanguage() {
  document.documentElement.lang = LANGUAGE;
  document.title = T.appTitle;
}

/**
 * A calendar date (YYYY-MM-DD) or an instant, in the chosen language:
 * "3 december 2026" / "3 December 2026".
 * @param {string | Date | null | undefined} value
 * @param {{time?: boolean}} [options]
 */
export function formatDate(value, options = {}) {
  if (!value) return "";
  let date;
  if (value instanceof Date) date = value;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-").map(Number);
    date = new Date(y, m - 1, d);
  } else date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return (options.time ? DATES.dateTime : DATES.date).format(date);
}

/**
 * @param {number} value
 * @param {number} [digits]  at most this many decimals
 */
export function formatNumber(value, digits = 1) {
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits }).format(value);
}

/**
 * "a, b and c" / "a, b en c"
 * @param {string[]} items
 */
export function listed(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${T.and} ${items.at(-1)}`;
}

/**
 * Hours a week in words: minutes below an hour, else hours.
 * @param {number} hours
 */
export function hours(hours) {
  if (hours === 0) return "";
  if (hours < 1) return T.minutesAWeek(formatNumber(Math.round(hours * 60), 0));
  return T.hoursAWeek(formatNumber(Math.round(hours * 10) / 10, 1));
}
