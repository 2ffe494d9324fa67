// Needs: add one (an Omaha problem), say who helps, rate it, resolve it.

import { h } from "../dom.js";
import { newId } from "../ids.js";
import { FREQUENCY, RATING, SUPPORT_KIND } from "../words.js";
import { openDialog } from "./dialog.js";
import { number, radioGroup, selectField, text, textField } from "./fields.js";
import { omahaPicker } from "./omaha-picker.js";

/** @typedef {import("./person-form.js").Editing} Editing */

/** @param {Editing} editing */
export function addNeed(editing) {
  const { client } = editing;
  const needId = newId("need");
  const taken = new Set(
    client.needs
      .filter((/** @type {any} */ n) => n.status === "ACTIVE")
      .map((/** @type {any} */ n) => n.code),
  );
  openDialog({
    title: `Add a need of ${client.name}`,
    fields: [omahaPicker({ name: "code", taken })],
    submitLabel: "Add need",
    onSubmit: async (form) => {
      const code = text(form, "code");
      const chosen = /** @type {HTMLInputElement | null} */ (
        form.querySelector('input[name="code"]:checked')
      );
      await editing.save(
        [{ mutation: "addNeed", input: { clientId: client.id, code, needId } }],
        `The need ${chosen?.dataset.display ?? code} was added.`,
      );
    },
  });
}

/**
 * Say that someone of the onion helps with a need.
 * @param {Editing} editing
 * @param {{needId?: string, personId?: string}} preset
 * @param {() => void} [addSomeoneNew]  offered for help from outside the onion
 */
export function linkHelper(editing, preset, addSomeoneNew) {
  const { client } = editing;
  const needs = client.needs.filter((/** @type {any} */ n) => n.status === "ACTIVE");
  const need = needs.find((/** @type {any} */ n) => n.id === preset.needId);
  const elsewhere = addSomeoneNew
    ? h(
        "p",
        {},
        "Someone not in the onion yet? ",
        h(
          "button",
          {
            type: "button",
            class: "link-button",
            onclick: (/** @type {Event} */ event) => {
              const here = /** @type {HTMLElement} */ (event.currentTarget).closest("dialog");
              here?.close();
              addSomeoneNew();
            },
          },
          "Add a new person",
        ),
      )
    : null;
  openDialog({
    title: need ? `Who helps with ${need.displayName}?` : "Who helps with what?",
    intro: elsewhere ? [elsewhere] : [],
    fields: [
      selectField({
        name: "needId",
        label: "Need",
        value: preset.needId ?? "",
        required: true,
        options: [
          ["", "Choose a need"],
          ...needs.map(
            (/** @type {any} */ n) => /** @type {[string, string]} */ ([n.id, n.displayName]),
          ),
        ],
      }),
      selectField({
        name: "supporterId",
        label: "Person",
        value: preset.personId ?? "",
        required: true,
        options: [
          ["", "Choose a person"],
          ...client.members.map(
            (/** @type {any} */ m) =>
              /** @type {[string, string]} */ ([
                m.id,
                m.relationship || m.role
                  ? `${m.displayName} (${m.relationship ?? m.role})`
                  : m.displayName,
              ]),
          ),
        ],
      }),
      selectField({
        name: "kind",
        label: "Kind of help",
        value: "PRACTICAL",
        options: /** @type {[string, string][]} */ (Object.entries(SUPPORT_KIND)),
      }),
      selectField({
        name: "frequency",
        label: "How often",
        value: "WEEKLY",
        options: [["", "not recorded"], ...Object.entries(FREQUENCY)],
      }),
      textField({
        name: "hoursPerWeek",
        label: "Hours a week",
        type: "number",
        value: 1,
        attrs: { min: 0, max: 168, step: 0.25, inputmode: "decimal" },
      }),
    ],
    submitLabel: "Save",
    onSubmit: async (form) => {
      const supporterId = text(form, "supporterId");
      const needId = text(form, "needId");
      const who = client.members.find((/** @type {any} */ m) => m.id === supporterId)?.displayName;
      const what = needs.find((/** @type {any} */ n) => n.id === needId)?.displayName;
      await editing.save(
        [
          {
            mutation: "linkSupporter",
            input: {
              clientId: client.id,
              needId,
              supporterId,
              kind: text(form, "kind"),
              frequency: text(form, "frequency"),
              hoursPerWeek: number(form, "hoursPerWeek") ?? 0,
            },
          },
        ],
        `${who} now helps with ${what}.`,
      );
    },
  });
}

/**
 * @param {Editing} editing
 * @param {any} need
 * @param {any} member
 */
export function unlinkHelper(editing, need, member) {
  openDialog({
    title: `${member.displayName} no longer helps with ${need.displayName}?`,
    submitLabel: "Stop this help",
    danger: true,
    onSubmit: async () => {
      await editing.save(
        [
          {
            mutation: "unlinkSupporter",
            input: { clientId: editing.client.id, needId: need.id, supporterId: member.id },
          },
        ],
        `${member.displayName} no longer helps with ${need.displayName}.`,
      );
    },
  });
}

/**
 * @param {Editing} editing
 * @param {any} need
 */
export function resolveNeed(editing, need) {
  openDialog({
    title: `Is ${need.displayName} resolved?`,
    intro: ["A resolved need stays in the record but is no longer drawn or counted in the gaps."],
    submitLabel: "Mark as resolved",
    onSubmit: async () => {
      await editing.save(
        [{ mutation: "resolveNeed", input: { clientId: editing.client.id, needId: need.id } }],
        `${need.displayName} was marked as resolved.`,
      );
    },
  });
}

const SCALE = /** @type {[string, string][]} */ ([
  ["", "not now"],
  ["1", "1"],
  ["2", "2"],
  ["3", "3"],
  ["4", "4"],
  ["5", "5"],
]);

/**
 * Record Knowledge, Behaviour and Status ratings (1 worst .. 5 best).
 * @param {Editing} editing
 * @param {any} need
 */
export function rateNeed(editing, need) {
  const ids = { KNOWLEDGE: newId("rating"), BEHAVIOR: newId("rating"), STATUS: newId("rating") };
  const today = new Date();
  const iso = new Date(today.getTime() - today.getTimezoneOffset() * 60000)
    .toISOString()
    .slice(0, 10);
  const latest = need.latestRatings ?? {};
  openDialog({
    title: `Rate ${need.displayName}`,
    intro: ["Omaha rating scale: 1 is the worst, 5 the best. Leave a row on “not now” to skip it."],
    fields: [
      textField({ name: "effective", label: "Date", type: "date", value: iso, required: true }),
      ...Object.entries(RATING).map(([dimension, label]) => {
        const last = latest[dimension.toLowerCase()];
        return radioGroup({
          name: dimension,
          legend: last ? `${label} (last: ${last.value} on ${last.effective})` : label,
          value: "",
          inline: true,
          options: SCALE,
        });
      }),
    ],
    submitLabel: "Save ratings",
    onSubmit: async (form) => {
      const effective = text(form, "effective");
      const steps = Object.keys(RATING)
        .filter((dimension) => text(form, dimension))
        .map((dimension) => ({
          mutation: /** @type {const} */ ("recordRating"),
          input: {
            clientId: editing.client.id,
            needId: need.id,
            dimension,
            value: number(form, dimension),
            effective,
            ratingId: ids[/** @type {keyof typeof ids} */ (dimension)],
          },
        }));
      if (steps.length === 0) throw new Error("Choose at least one rating from 1 to 5.");
      await editing.save(steps, `Ratings of ${need.displayName} were saved.`);
    },
  });
}
