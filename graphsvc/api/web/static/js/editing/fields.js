// Labelled form controls. Every control has a visible <label> or <legend>.

import { h } from "../dom.js";
import { T } from "../i18n.js";

let counter = 0;

function nextId() {
  counter += 1;
  return `field-${counter}`;
}

/**
 * @typedef {{name: string, label: string, value?: string | number | null,
 *            hint?: string, required?: boolean, autofocus?: boolean,
 *            type?: string, list?: string[], attrs?: Record<string, string | number>}} TextSpec
 */

/**
 * @param {TextSpec} spec
 * @returns {HTMLElement}
 */
export function textField(spec) {
  const id = nextId();
  const hintId = spec.hint ? `${id}-hint` : null;
  const listId = spec.list ? `${id}-list` : null;
  const input = h("input", {
    id,
    name: spec.name,
    type: spec.type ?? "text",
    required: spec.required ?? false,
    autofocus: spec.autofocus ?? false,
    autocomplete: "off",
    "aria-describedby": hintId,
    list: listId,
    // Only spaces is no answer to a required question.
    pattern: spec.required && (spec.type ?? "text") === "text" ? ".*\\S.*" : null,
    ...(spec.attrs ?? {}),
  });
  if (spec.value !== null && spec.value !== undefined) {
    /** @type {HTMLInputElement} */ (input).value = String(spec.value);
  }
  return h(
    "div",
    { class: "field" },
    h(
      "label",
      { for: id },
      spec.label,
      spec.required ? h("span", { class: "required" }, T.required) : null,
    ),
    spec.hint ? h("p", { class: "hint", id: hintId }, spec.hint) : null,
    input,
    listId
      ? h("datalist", { id: listId }, ...(spec.list ?? []).map((v) => h("option", { value: v })))
      : null,
  );
}

/**
 * @param {{name: string, label: string, options: [string, string][], value?: string | null,
 *          hint?: string, required?: boolean}} spec
 * @returns {HTMLElement}
 */
export function selectField(spec) {
  const id = nextId();
  const hintId = spec.hint ? `${id}-hint` : null;
  const select = /** @type {HTMLSelectElement} */ (
    h(
      "select",
      { id, name: spec.name, required: spec.required ?? false, "aria-describedby": hintId },
      ...spec.options.map(([value, label]) => h("option", { value }, label)),
    )
  );
  if (spec.value !== null && spec.value !== undefined) select.value = spec.value;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, spec.label),
    spec.hint ? h("p", { class: "hint", id: hintId }, spec.hint) : null,
    select,
  );
}

/**
 * A group of radio buttons under a legend.
 * @param {{name: string, legend: string, options: [string, string, string?][],
 *          value?: string | null, required?: boolean, inline?: boolean}} spec
 *   options are [value, label, hint]
 * @returns {HTMLElement}
 */
export function radioGroup(spec) {
  return h(
    "fieldset",
    { class: spec.inline ? "choices choices--inline" : "choices" },
    h("legend", {}, spec.legend),
    ...spec.options.map(([value, label, hint]) => {
      const id = nextId();
      const input = h("input", {
        id,
        type: "radio",
        name: spec.name,
        value,
        required: spec.required ?? false,
        checked: spec.value === value,
      });
      return h(
        "div",
        { class: "choice" },
        input,
        h("label", { for: id }, label, hint ? h("span", { class: "hint" }, ` ${hint}`) : null),
      );
    }),
  );
}

/**
 * The text of a field, or null when empty.
 * @param {HTMLFormElement} form
 * @param {string} name
 * @returns {string | null}
 */
export function text(form, name) {
  const value = new FormData(form).get(name);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/**
 * Whether the nurse changed a field since the form opened (as ``text`` reads it).
 * @param {HTMLFormElement} form
 * @param {FormData} opened  the form's values as it opened
 * @param {string} name
 * @returns {boolean}
 */
export function changed(form, opened, name) {
  const was = opened.get(name);
  const before = typeof was === "string" && was.trim() !== "" ? was.trim() : null;
  return text(form, name) !== before;
}

/**
 * @param {HTMLFormElement} form
 * @param {string} name
 * @returns {number | null}
 */
export function number(form, name) {
  const value = text(form, name);
  return value === null ? null : Number(value);
}

/**
 * Show or hide a field (and take it out of validation while hidden).
 * @param {HTMLElement} field
 * @param {boolean} shown
 */
export function showField(field, shown) {
  field.hidden = !shown;
  for (const control of field.querySelectorAll("input, select, textarea")) {
    if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) {
      control.disabled = !shown;
    }
  }
}

/**
 * Time a week to the minute: hours and minutes side by side (10 minutes a
 * week is "0" and "10"). Hours may also be typed with decimals.
 * @param {number} [value]  hours a week
 * @returns {HTMLElement}
 */
export function timeFields(value = 1) {
  const whole = Math.floor(value);
  const minutes = Math.round((value - whole) * 60);
  return h(
    "fieldset",
    { class: "group time-fields" },
    h("legend", {}, T.timeAWeek),
    h(
      "div",
      { class: "pair" },
      textField({
        name: "hoursPerWeek",
        label: T.hoursAWeekField,
        type: "number",
        value: whole,
        attrs: { min: 0, max: 168, step: "any", inputmode: "decimal" },
      }),
      textField({
        name: "minutesPerWeek",
        label: T.minutesAWeekField,
        type: "number",
        value: minutes,
        hint: T.timeHint,
        attrs: { min: 0, max: 59, step: 1, inputmode: "numeric" },
      }),
    ),
  );
}

/**
 * The hours a week of timeFields, minutes included.
 * @param {HTMLFormElement} form
 * @returns {number}
 */
export function hoursOf(form) {
  const total = (number(form, "hoursPerWeek") ?? 0) + (number(form, "minutesPerWeek") ?? 0) / 60;
  return Math.round(total * 10000) / 10000;
}
