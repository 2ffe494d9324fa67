/**
 * A new graph id made in the page, so that a change sent twice (after a
 * conflict, say) names the same person, need or rating and is not doubled.
 * getRandomValues, unlike randomUUID, also works on plain http.
 * @param {string} prefix
 */
export function newId(prefix) {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${prefix}-${hex}`;
}
