// Adding someone to a ring of the onion, or changing what we know of her.

import { graphql } from "../api.js";
import { h } from "../dom.js";
import { T } from "../i18n.js";
import { newId } from "../ids.js";
import { DIRECTORY } from "../queries.js";
import { CLOSENESS, FREQUENCY, RING, RING_HINT, SUPPORT_KIND, said } from "../words.js";
import { openDialog } from "./dialog.js";
import { directoryPicker } from "./directory-picker.js";
import {
  changed,
  hoursOf,
  number,
  radioGroup,
  selectField,
  showField,
  text,
  textField,
  timeFields,
} from "./fields.js";

/**
 * @typedef {import("../queries.js").Step} Step
 * @typedef {{
 *   client: any,
 *   nurses: {id: string, name: string, role: string | null}[],
 *   save: (steps: Step[], done: string) => Promise<void>,
 * }} Editing
 */

// Made when asked, in the language spoken then.
const frequencyOptions = () =>
  /** @type {[string, string][]} */ ([["", T.notRecorded], ...Object.entries(FREQUENCY)]);

/** @param {any} client */
function activeNeeds(client) {
  return client.needs.filter((/** @type {any} */ n) => n.status === "ACTIVE");
}

/**
 * The fields shared by adding and changing a person.
 * @param {Editing} editing
 * @param {any} [member]
 */
function personFields(editing, member) {
  const ring = radioGroup({
    name: "ring",
    legend: T.whichRing,
    value: member?.ring ?? "INFORMAL",
    required: true,
    options: Object.keys(RING).map((key) => [key, RING[key], `(${RING_HINT[key]})`]),
  });
  const present = new Set(editing.client.members.map((/** @type {any} */ m) => m.id));
  const nurse = selectField({
    name: "nurse",
    label: T.teamNurse,
    required: true,
    options: [
      ["", T.chooseNurse],
      ...editing.nurses
        .filter((n) => !present.has(n.id))
        .map(
          (n) => /** @type {[string, string]} */ ([n.id, n.role ? `${n.name}, ${said(n.role)}` : n.name]),
        ),
    ],
  });
  const name = textField({
    name: "name",
    label: T.name,
    value: member?.displayName,
    required: true,
  });
  const relationship = textField({
    name: "relationship",
    label: T.relationship,
    hint: T.relationshipHint,
    value: member?.relationship,
    list: T.relationships,
  });
  const role = textField({
    name: "role",
    label: T.role,
    hint: T.roleHint,
    value: member?.role,
    list: T.roles,
  });
  const contact = textField({
    name: "contact",
    label: T.contact,
    value: member?.contact,
  });
  const frequency = selectField({
    name: "contactFrequency",
    label: T.inTouchWith,
    value: member?.contactFrequency ?? "",
    options: frequencyOptions(),
  });
  const closeness = selectField({
    name: "closeness",
    label: T.howClose,
    value: member?.closeness ? String(member.closeness) : "",
    options: [
      ["", T.notRecorded],
      ...Object.entries(CLOSENESS).map(
        ([k, v]) => /** @type {[string, string]} */ ([k, `${k} – ${v}`]),
      ),
    ],
  });

  const choosing = !member;
  // A professional the team knows is picked from the directory, not typed in anew.
  const directory = choosing
    ? directoryPicker({
        name: "directoryId",
        legend: T.fromDirectory,
        onPick: (entry) => {
          const nameInput = /** @type {HTMLInputElement} */ (name.querySelector("input"));
          const roleInput = /** @type {HTMLInputElement} */ (role.querySelector("input"));
          if (entry) {
            nameInput.value = entry.name;
            roleInput.value = said(entry.role);
          }
        },
      })
    : null;
  const update = () => {
    const chosen = /** @type {HTMLInputElement | null} */ (ring.querySelector("input:checked"));
    const value = chosen?.value ?? "INFORMAL";
    showField(nurse, choosing && value === "TEAM" && editing.nurses.length > 0);
    showField(name, !(choosing && value === "TEAM" && editing.nurses.length > 0));
    showField(relationship, value === "INFORMAL");
    showField(closeness, value === "INFORMAL");
    showField(role, value !== "INFORMAL");
    if (directory) showField(directory.element, value === "FORMAL");
  };
  ring.addEventListener("change", update);
  update();
  const who = h("div", { class: "pair" }, nurse, name, relationship, role);
  const touch = h("div", { class: "pair" }, contact, frequency, closeness);
  return {
    fields: [ring, directory?.element ?? null, who, touch].filter((f) => f !== null),
    nurse,
    directory,
  };
}

/**
 * @param {Editing} editing
 * @param {{needId?: string}} [preset]  the need she will help with
 */
export function addPerson(editing, preset = {}) {
  const { client } = editing;
  const newPersonId = newId("person");
  const { fields, directory } = personFields(editing);
  const needs = activeNeeds(client);
  const others = client.members;
  const knows = h(
    "fieldset",
    { class: "group knows" },
    h("legend", {}, T.knowsLegend),
    others.length
      ? h(
          "div",
          { class: "choices choices--inline" },
          ...others.map((/** @type {any} */ m) => {
            const id = `knows-${newPersonId}-${m.id}`;
            return h(
              "div",
              { class: "choice" },
              h("input", { type: "checkbox", id, name: "knows", value: m.id }),
              h("label", { for: id }, m.displayName),
            );
          }),
        )
      : h("p", { class: "hint" }, T.knowsNobody),
  );
  const helps = h(
    "fieldset",
    { class: "group" },
    h("legend", {}, T.helpsWithLegend),
    selectField({
      name: "needId",
      label: T.need,
      value: preset.needId ?? "",
      options: [
        ["", T.nothingForNow],
        ...needs.map(
          (/** @type {any} */ n) => /** @type {[string, string]} */ ([n.id, n.displayName]),
        ),
      ],
    }),
    h(
      "div",
      { class: "pair" },
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
        options: frequencyOptions(),
      }),
    ),
    timeFields(1),
  );

  openDialog({
    title: T.addPersonTitle(client.name),
    fields: [...fields, helps, knows],
    submitLabel: T.addToOnion,
    onSubmit: async (form) => {
      const ring = text(form, "ring") ?? "INFORMAL";
      const nurseId = text(form, "nurse");
      const nurse = editing.nurses.find((n) => n.id === nurseId);
      const listed =
        ring === "FORMAL"
          ? (directory?.chosen() ?? (await inDirectory(text(form, "name"))))
          : null;
      const personId = nurse ? nurse.id : listed ? listed.id : newPersonId;
      const name = nurse ? nurse.name : listed ? listed.name : text(form, "name");
      const closeness = number(form, "closeness");
      const needId = text(form, "needId");
      // The person, the help she gives and whom she knows: one change.
      /** @type {Step[]} */
      const steps = [
        {
          mutation: "addMember",
          input: {
            clientId: client.id,
            personId,
            name,
            ring,
            role: text(form, "role") ?? (nurse ? nurse.role : (listed?.role ?? null)),
            relationship: text(form, "relationship"),
            contact: text(form, "contact"),
            contactFrequency: text(form, "contactFrequency"),
            closeness,
            helpsWith: needId
              ? [
                  {
                    needId,
                    kind: text(form, "kind") ?? "PRACTICAL",
                    frequency: text(form, "frequency"),
                    hoursPerWeek: hoursOf(form),
                  },
                ]
              : [],
            knows: new FormData(form)
              .getAll("knows")
              .map((other) => ({ personId: String(other) })),
          },
        },
      ];
      await editing.save(steps, T.wasAdded(name ?? ""));
    },
  });
}

/**
 * The professional of the directory with exactly this name, if there is one:
 * a GP typed in by name is the team's GP, not someone new.
 * @param {string | null} name
 */
async function inDirectory(name) {
  if (!name) return null;
  const wanted = name.trim().toLocaleLowerCase();
  try {
    const data = await graphql(DIRECTORY, { search: name, role: null });
    return (
      data.directory.find(
        (/** @type {any} */ entry) =>
          !entry.isOrganization && entry.name.trim().toLocaleLowerCase() === wanted,
      ) ?? null
    );
  } catch {
    return null;
  }
}

/**
 * Whom of the onion she knows: ticked on, ticked off.
 * @param {Editing} editing
 * @param {any} member
 */
export function changeKnows(editing, member) {
  const { client } = editing;
  const known = new Set(
    (client.knows ?? [])
      .map((/** @type {any} */ k) =>
        k.a.id === member.id ? k.b.id : k.b.id === member.id ? k.a.id : null,
      )
      .filter(Boolean),
  );
  const others = client.members.filter((/** @type {any} */ m) => m.id !== member.id);
  openDialog({
    title: T.whomKnowsTitle(member.displayName),
    fields: [
      h(
        "fieldset",
        { class: "group knows" },
        h("legend", {}, T.knowsLegend),
        others.length
          ? h(
              "div",
              { class: "choices choices--inline" },
              ...others.map((/** @type {any} */ m) => {
                const id = `knows-${member.id}-${m.id}`;
                return h(
                  "div",
                  { class: "choice" },
                  h("input", {
                    type: "checkbox",
                    id,
                    name: "knows",
                    value: m.id,
                    checked: known.has(m.id),
                  }),
                  h("label", { for: id }, m.displayName),
                );
              }),
            )
          : h("p", { class: "hint" }, T.knowsNobody),
      ),
    ],
    submitLabel: T.save,
    onSubmit: async (form) => {
      const ticked = new Set(new FormData(form).getAll("knows").map(String));
      /** @type {Step[]} */
      const steps = [];
      for (const m of others) {
        const input = { clientId: client.id, personA: member.id, personB: m.id };
        if (ticked.has(m.id) && !known.has(m.id)) steps.push({ mutation: "addKnows", input });
        if (!ticked.has(m.id) && known.has(m.id)) steps.push({ mutation: "removeKnows", input });
      }
      await editing.save(steps, T.knowsSaved(member.displayName));
    },
  });
}

/**
 * @param {Editing} editing
 * @param {any} member
 */
export function changePerson(editing, member) {
  const { client } = editing;
  const { fields } = personFields(editing, member);
  openDialog({
    title: T.changeName(member.displayName),
    fields,
    submitLabel: T.saveChanges,
    onSubmit: async (form, opened) => {
      const data = new FormData(form);
      /** @type {Record<string, unknown>} */
      const input = { clientId: client.id, personId: member.id };
      // Only what she changed is sent: the rest keeps its value, a
      // colleague's change made meanwhile included (after a conflict the
      // same dialog is saved again over the network as it is now).
      const edited = (/** @type {string} */ key) => data.has(key) && changed(form, opened, key);
      for (const key of ["name", "ring", "role", "relationship", "contact", "contactFrequency"]) {
        if (edited(key)) input[key] = text(form, key);
      }
      if (edited("closeness")) input.closeness = number(form, "closeness");
      if (Object.keys(input).length === 2) return; // nothing changed: nothing to save
      await editing.save(
        [{ mutation: "updateMember", input }],
        T.wasChanged(text(form, "name") ?? member.displayName),
      );
    },
  });
}

/**
 * @param {Editing} editing
 * @param {any} member
 */
export function removePerson(editing, member) {
  openDialog({
    title: T.removeQ(member.displayName),
    intro: [
      T.removeIntro(member.displayName, editing.client.name),
    ],
    submitLabel: T.remove,
    danger: true,
    onSubmit: async () => {
      await editing.save(
        [{ mutation: "removeMember", input: { clientId: editing.client.id, personId: member.id } }],
        T.wasRemoved(member.displayName),
      );
    },
  });
}
