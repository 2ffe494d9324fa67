// A search box that asks the service as one types: only the newest answer is
// shown, a failure is said where the count of matches goes, and Enter picks
// the first choice instead of sending the form.

import { h } from "../dom.js";

/**
 * The search box, the list of choices and the line that counts them.
 * @param {string} id  the picker's id; the hint is `${id}-hint`
 * @param {string} listClass
 */
export function searchParts(id, listClass) {
  const search = /** @type {HTMLInputElement} */ (
    h("input", {
      id: `${id}-search`,
      type: "search",
      autocomplete: "off",
      "aria-describedby": `${id}-hint`,
      "aria-controls": `${id}-results`,
    })
  );
  const results = h("div", { class: listClass, id: `${id}-results` });
  const count = h("p", { class: "hint", role: "status" });
  return { search, results, count };
}

/**
 * @template T
 * @param {{search: HTMLInputElement, results: HTMLElement, count: HTMLElement,
 *          ask: (word: string) => Promise<T | null>, show: (found: T) => void,
 *          first: string, onFirst?: () => void}} spec
 *   ask: the answer to show, or null when there is nothing to ask yet;
 *   first: the selector of the choices Enter may pick
 * @returns {() => Promise<void>} ask now, without waiting for typing to pause
 */
export function askAsYouType(spec) {
  let asked = 0;
  const find = async () => {
    asked += 1;
    const mine = asked;
    try {
      const found = await spec.ask(spec.search.value.trim());
      if (mine === asked && found !== null) spec.show(found);
    } catch (error) {
      if (mine === asked) {
        spec.count.textContent = error instanceof Error ? error.message : String(error);
      }
    }
  };

  /** @type {number | undefined} */
  let timer;
  spec.search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(find, 200);
  });
  spec.search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const first = /** @type {HTMLInputElement | null} */ (spec.results.querySelector(spec.first));
    if (first) {
      first.checked = true;
      first.focus();
      spec.onFirst?.();
    }
  });
  return find;
}
