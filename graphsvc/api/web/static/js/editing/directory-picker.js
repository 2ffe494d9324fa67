// Choosing a professional the team already knows (the GP, the pharmacist) from
// the directory by name or role, instead of typing her in as someone new.

import { graphql } from "../api.js";
import { h } from "../dom.js";
import { T } from "../i18n.js";
import { DIRECTORY } from "../queries.js";
import { said } from "../words.js";
import { askAsYouType, searchParts } from "./ask-as-you-type.js";

let counter = 0;

/**
 * @typedef {{id: string, name: string, role: string | null, ring: string,
 *            isOrganization: boolean, organizations: {name: string}[]}} Entry
 */

/**
 * @param {{name: string, legend: string, role?: string, hint?: string,
 *          noneLabel?: string, noneFound?: (word: string) => string,
 *          onPick?: (entry: Entry | null) => void}} spec
 *   name: the form field that holds the chosen id; noneLabel and noneFound:
 *   what choosing nobody means and what finding nobody asks of her, where
 *   she cannot type someone in instead (a new client's GP)
 * @returns {{element: HTMLElement, chosen: () => Entry | null}}
 */
export function directoryPicker(spec) {
  counter += 1;
  const id = `directory-${counter}`;
  /** @type {Map<string, Entry>} */
  const shown = new Map();
  const { search, results, count } = searchParts(id, "directory-results");

  const chosen = () => {
    const input = /** @type {HTMLInputElement | null} */ (results.querySelector("input:checked"));
    return input && input.value ? (shown.get(input.value) ?? null) : null;
  };

  /** @param {Entry[]} entries */
  const show = (entries) => {
    const keep = chosen();
    shown.clear();
    const none = h("input", {
      type: "radio",
      id: `${id}-none`,
      name: spec.name,
      value: "",
      checked: !keep,
    });
    results.replaceChildren(
      h(
        "div",
        { class: "choice" },
        none,
        h("label", { for: `${id}-none` }, spec.noneLabel ?? T.notFromDirectory),
      ),
      ...entries.map((entry) => {
        shown.set(entry.id, entry);
        const optionId = `${id}-${entry.id}`;
        const where = entry.organizations.map((o) => o.name).join(", ");
        return h(
          "div",
          { class: "choice" },
          h("input", {
            type: "radio",
            id: optionId,
            name: spec.name,
            value: entry.id,
            checked: keep?.id === entry.id,
          }),
          h(
            "label",
            { for: optionId },
            h("strong", {}, entry.name),
            [said(entry.role), where].filter(Boolean).length
              ? h("span", { class: "hint" }, ` ${[said(entry.role), where].filter(Boolean).join(" · ")}`)
              : null,
          ),
        );
      }),
    );
    const word = search.value.trim();
    const nobody = spec.noneFound ?? T.directoryNone;
    count.textContent = entries.length ? T.directoryFound(entries.length, word) : nobody(word);
  };

  askAsYouType({
    search,
    results,
    count,
    first: 'input:not([value=""])',
    onFirst: () => spec.onPick?.(chosen()),
    ask: async (word) => {
      if (word.length < 2) {
        results.replaceChildren();
        count.textContent = T.directoryTypeMore;
        return null;
      }
      return (await graphql(DIRECTORY, { search: word, role: spec.role ?? null })).directory;
    },
    show,
  });
  results.addEventListener("change", () => spec.onPick?.(chosen()));
  count.textContent = T.directoryTypeMore;

  const element = h(
    "fieldset",
    { class: "group directory" },
    h("legend", {}, spec.legend),
    h(
      "div",
      { class: "field" },
      h("label", { for: search.id }, T.directorySearch),
      h("p", { class: "hint", id: `${id}-hint` }, spec.hint ?? T.directoryHint),
      search,
    ),
    count,
    results,
  );
  return { element, chosen };
}
