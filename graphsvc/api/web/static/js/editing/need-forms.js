// Needs: add one (an Omaha problem), say who helps, rate it, resolve it.

import { h } from "../dom.js";
import { newId } from "../ids.js";
import { graphql } from "../api.js";
import { LANGUAGE, T, formatDate } from "../i18n.js";
import { RATING_SCALE } from "../queries.js";
import { FREQUENCY, RATING, SUPPORT_KIND, said } from "../words.js";
import { openDialog } from "./dialog.js";
import { hoursOf, number, radioGroup, selectField, text, textField, timeFields } from "./fields.js";
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
    title: T.addNeedTitle(client.name),
    fields: [omahaPicker({ name: "code", taken })],
    submitLabel: T.addNeedSubmit,
    onSubmit: async (form) => {
      const code = text(form, "code");
      const chosen = /** @type {HTMLInputElement | null} */ (
        form.querySelector('input[name="code"]:checked')
      );
      await editing.save(
        [{ mutation: "addNeed", input: { clientId: client.id, code, needId } }],
        T.needAdded(chosen?.dataset.display ?? code ?? ""),
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
        T.notInOnion,
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
          T.addNewPerson,
        ),
      )
    : null;
  openDialog({
    title: need ? T.whoHelpsTitle(need.displayName) : T.whoHelpsWhat,
    intro: elsewhere ? [elsewhere] : [],
    fields: [
      selectField({
        name: "needId",
        label: T.need,
        value: preset.needId ?? "",
        required: true,
        options: [
          ["", T.chooseNeed],
          ...needs.map(
            (/** @type {any} */ n) => /** @type {[string, string]} */ ([n.id, n.displayName]),
          ),
        ],
      }),
      selectField({
        name: "supporterId",
        label: T.person,
        value: preset.personId ?? "",
        required: true,
        options: [
          ["", T.choosePerson],
          ...client.members.map(
            (/** @type {any} */ m) =>
              /** @type {[string, string]} */ ([
                m.id,
                m.relationship || m.role
                  ? `${m.displayName} (${said(m.relationship ?? m.role)})`
                  : m.displayName,
              ]),
          ),
        ],
      }),
      selectField({
        name: "kind",
        label: T.kindOfHelp,
        value: "PRACTICAL",
        options: /** @type {[string, string][]} */ (Object.entries(SUPPORT_KIND)),
      }),
      selectField({
        name: "frequency",
        label: T.howOften,
        value: "WEEKLY",
        options: [["", T.notRecorded], ...Object.entries(FREQUENCY)],
      }),
      timeFields(1),
    ],
    submitLabel: T.save,
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
              hoursPerWeek: hoursOf(form),
            },
          },
        ],
        T.nowHelps(who, what),
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
    title: T.noLongerHelpsQ(member.displayName, need.displayName),
    submitLabel: T.stopHelp,
    danger: true,
    onSubmit: async () => {
      await editing.save(
        [
          {
            mutation: "unlinkSupporter",
            input: { clientId: editing.client.id, needId: need.id, supporterId: member.id },
          },
        ],
        T.noLongerHelps(member.displayName, need.displayName),
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
    title: T.resolvedQ(need.displayName),
    intro: [T.resolvedIntro],
    submitLabel: T.markResolved,
    onSubmit: async () => {
      await editing.save(
        [{ mutation: "resolveNeed", input: { clientId: editing.client.id, needId: need.id } }],
        T.wasResolved(need.displayName),
      );
    },
  });
}

// Made when asked, in the language spoken then.
const plainScale = () =>
  /** @type {[string, string][]} */ ([
    ["", T.notNow],
    ["1", "1"],
    ["2", "2"],
    ["3", "3"],
    ["4", "4"],
    ["5", "5"],
  ]);

/** @type {Promise<any[]> | null} */
let scale = null;

/**
 * The options of each dimension with the words of its levels (asked once,
 * worded in the language spoken now).
 * @returns {Promise<Map<string, [string, string, string?][]>>}
 */
async function levels() {
  scale ??= graphql(RATING_SCALE).then(
    (data) => data.ratingScale,
    () => {
      scale = null;
      return [];
    },
  );
  const dimensions = await scale;
  return new Map(
    dimensions.map((/** @type {any} */ d) => [
      d.dimension,
      [
        ["", T.notNow],
        ...d.levels.map(
          (/** @type {any} */ l) =>
            /** @type {[string, string]} */ ([
              String(l.value),
              T.levelOption(String(l.value), LANGUAGE === "nl" ? l.labelNl : l.labelEn),
            ]),
        ),
      ],
    ]),
  );
}

/**
 * Record Knowledge, Behaviour and Status ratings (1 worst .. 5 best).
 * @param {Editing} editing
 * @param {any} need
 */
export async function rateNeed(editing, need) {
  const words = await levels();
  const ids = { KNOWLEDGE: newId("rating"), BEHAVIOR: newId("rating"), STATUS: newId("rating") };
  const today = new Date();
  const iso = new Date(today.getTime() - today.getTimezoneOffset() * 60000)
    .toISOString()
    .slice(0, 10);
  const latest = need.latestRatings ?? {};
  openDialog({
    title: T.rateTitle(need.displayName),
    intro: [T.rateIntro],
    fields: [
      textField({ name: "effective", label: T.date, type: "date", value: iso, required: true }),
      ...Object.entries(RATING).map(([dimension, label]) => {
        const last = latest[dimension.toLowerCase()];
        return radioGroup({
          name: dimension,
          legend: last ? T.lastRating(label, last.value, formatDate(last.effective)) : label,
          value: "",
          inline: !words.has(dimension),
          options: words.get(dimension) ?? plainScale(),
        });
      }),
    ],
    submitLabel: T.saveRatings,
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
      if (steps.length === 0) throw new Error(T.chooseOneRating);
      await editing.save(steps, T.ratingsSaved(need.displayName));
    },
  });
}
