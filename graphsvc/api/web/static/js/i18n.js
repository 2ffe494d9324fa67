// Which language the page speaks: Dutch first, English on request. Chosen
// once when the page starts (the nurse's own choice kept in localStorage, else
// the browser's languages); switching keeps the choice and reloads the page,
// so every word is drawn again in the other language.

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
export const LANGUAGE = stored() ?? fromBrowser(navigator.languages ?? [navigator.language]);

/** The words of the chosen language. */
export const T = DICTIONARIES[LANGUAGE];

/** The locale dates and numbers are written in. */
export const LOCALE = LANGUAGE === "nl" ? "nl-NL" : "en-GB";

/** Keep the other language and draw the page again in it. */
export function switchLanguage() {
  try {
    localStorage.setItem(KEY, LANGUAGE === "nl" ? "en" : "nl");
  } catch {
    return;
  }
  location.reload();
}

/** Put the language on the document: <html lang>, the title. */
export function applyLanguage() {
  document.documentElement.lang = LANGUAGE;
  document.title = T.appTitle;
}

const DATE = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "long", year: "numeric" });
const DATE_TIME = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

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
  return (options.time ? DATE_TIME : DATE).format(date);
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
