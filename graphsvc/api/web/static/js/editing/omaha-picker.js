// Choosing an Omaha System problem: type a word, pick from what matches.

import { graphql } from "../api.js";
import { h } from "../dom.js";
import { LANGUAGE, T } from "../i18n.js";
import { OMAHA } from "../queries.js";
import { DOMAIN } from "../words.js";

let counter = 0;

/**
 * @param {{name: string, taken: Set<string>}} spec  taken: codes the client already has
 * @returns {HTMLElement}
 */
export function omahaPicker(spec) {
  counter += 1;
  const id = `omaha-${counter}`;
  const search = /** @type {HTMLInputElement} */ (
    h("input", {
      id: `${id}-search`,
      type: "search",
      autocomplete: "off",
      "aria-describedby": `${id}-hint`,
      "aria-controls": `${id}-results`,
    })
  );
  const results = h("div", { class: "omaha-results", id: `${id}-results` });
  const count = h("p", { class: "hint", role: "status" });
  let asked = 0;

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

  const find = async () => {
    asked += 1;
    const mine = asked;
    const word = search.value.trim();
    try {
      const data = await graphql(OMAHA, { search: word || null });
      if (mine === asked) show(data.omahaProblems);
    } catch (error) {
      if (mine === asked)
        count.textContent = error instanceof Error ? error.message : String(error);
    }
  };

  /** @type {number | undefined} */
  let timer;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(find, 200);
  });
  // Enter in the search box picks the first match instead of sending the form.
  search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const first = /** @type {HTMLInputElement | null} */ (
      results.querySelector("input:not(:disabled)")
    );
    if (first) {
      first.checked = true;
      first.focus();
    }
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
