// Choosing an Omaha System problem: type a word, pick from what matches.

import { graphql } from "../api.js";
import { h } from "../dom.js";
import { LANGUAGE, T } from "../i18n.js";
import { OMAHA } from "../queries.js";
import { DOMAIN } from "../words.js";
import { askAsYouType, searchParts } from "./ask-as-you-type.js";

let counter = 0;

/**
 * @param {{name: string, taken: Set<string>}} spec  taken: codes the client already has
 * @returns {HTMLElement}
 */
export function omahaPicker(spec) {
  counter += 1;
  const id = `omaha-${counter}`;
  const { search, results, count } = searchParts(id, "omaha-results");

  /** @param {{code: string, display: string, nameNl: string, domain: string, domainNl: string}[]} problems */
  const show = (problems) => {
    const chosen = /** @type {HTMLInputElement | null} */ (results.querySelector("input:checked"));
    const keep = chosen?.value ?? null;
    results.replaceChildren(
      ...problems.map((problem) => {
        const optionId = `${id}-${problem.code}`;
        const taken = spec.taken.has(problem.code);
        const dutch = LANGUAGE === "nl";
        const name = dutch ? problem.nameNl : problem.display;
        const domain = dutch ? problem.domainNl : (DOMAIN[problem.domain] ?? problem.domain);
        return h(
          "div",
          { class: "choice" },
          h("input", {
            type: "radio",
            id: optionId,
            name: spec.name,
            value: problem.code,
            "data-display": name,
            required: true,
            disabled: taken,
            checked: keep === problem.code,
          }),
          h(
            "label",
            { for: optionId },
            h("span", { class: "code" }, problem.code),
            ` ${name} `,
            h(
              "span",
              { class: "hint" },
              taken ? T.alreadyNeed : `(${domain})`,
            ),
          ),
        );
      }),
    );
    const word = search.value.trim();
    count.textContent =
      problems.length === 0
        ? T.noOmaha(word)
        : word
          ? T.omahaMatch(problems.length, word)
          : T.omahaAll(problems.length);
  };

  const find = askAsYouType({
    search,
    results,
    count,
    first: "input:not(:disabled)",
    ask: async (word) => (await graphql(OMAHA, { search: word || null })).omahaProblems,
    show,
  });
  find();

  return h(
    "fieldset",
    { class: "group omaha" },
    h("legend", {}, T.omahaProblem),
    h(
      "div",
      { class: "field" },
      h("label", { for: search.id }, T.search),
      h("p", { class: "hint", id: `${id}-hint` }, T.omahaHint),
      search,
    ),
    count,
    results,
  );
}
