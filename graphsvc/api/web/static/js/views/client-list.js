// The team's clients, the most urgent first.

import { graphql } from "../api.js";
import { fill, h } from "../dom.js";
import { T } from "../i18n.js";
import { CLIENTS } from "../queries.js";
import { byUrgency, countBySeverity } from "../urgency.js";
import { SEVERITY } from "../words.js";

/**
 * Every client the nurse may see, a hundred at a time.
 * @returns {Promise<import("../urgency.js").ClientBrief[]>}
 */
async function loadClients() {
  const clients = [];
  /** @type {string | null} */
  let after = null;
  for (let page = 0; page < 50; page += 1) {
    const data = await graphql(CLIENTS, { after });
    clients.push(...data.clients.nodes);
    if (!data.clients.pageInfo.hasNextPage) break;
    after = data.clients.pageInfo.endCursor;
  }
  return clients.sort(byUrgency);
}

/**
 * @param {import("../urgency.js").Counts} counts
 */
function urgencyBadges(counts) {
  const parts = /** @type {const} */ (["HIGH", "MEDIUM", "LOW"])
    .filter((severity) => counts[severity] > 0)
    .map((severity) =>
      h(
        "span",
        { class: `badge badge--${severity.toLowerCase()}` },
        T.severityCount(counts[severity], SEVERITY[severity]),
      ),
    );
  return parts.length ? parts : h("span", { class: "badge badge--none" }, T.noGaps);
}

/**
 * @param {HTMLElement} main
 * @param {{teamName: string | null}} profile
 */
export async function showClients(main, profile) {
  fill(main, h("p", { class: "loading", role: "status" }, T.loadingClients));
  const clients = await loadClients();

  const heading = profile.teamName ? T.clientsOf(profile.teamName) : T.clients;
  const rows = h("tbody");
  const count = h("p", { class: "hint", role: "status" });
  const filter = /** @type {HTMLInputElement} */ (
    h("input", { id: "client-filter", type: "search", autocomplete: "off" })
  );

  const render = () => {
    const word = filter.value.trim().toLowerCase();
    const shown = clients.filter((c) => !word || c.name.toLowerCase().includes(word));
    count.textContent = word
      ? T.clientsMatch(shown.length, clients.length, filter.value.trim())
      : T.clientsUrgentFirst(clients.length);
    fill(
      rows,
      shown.map((client) =>
        h(
          "tr",
          { "data-client-id": client.id },
          h(
            "th",
            { scope: "row" },
            h("a", { href: `#/clients/${encodeURIComponent(client.id)}` }, client.name),
          ),
          h("td", {}, client.neighbourhood ?? ""),
          h("td", { class: "gaps-cell" }, urgencyBadges(countBySeverity(client.gaps))),
          h("td", { class: "number" }, String(Math.round(client.strength.score))),
        ),
      ),
    );
  };
  filter.addEventListener("input", render);
  render();

  fill(
    main,
    h(
      "section",
      { class: "client-list", "aria-labelledby": "clients-title" },
      h(
        "div",
        { class: "list-head" },
        h("h1", { id: "clients-title", tabindex: "-1" }, heading),
        h("a", { href: "#/admit", class: "button button--primary" }, T.admitLink),
      ),
      h(
        "div",
        { class: "field field--search" },
        h("label", { for: "client-filter" }, T.findClient),
        filter,
      ),
      count,
      clients.length === 0
        ? h("p", {}, T.noClients)
        : h(
            "table",
            { class: "clients" },
            h("caption", { class: "visually-hidden" }, T.clientsCaption(heading)),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", { scope: "col" }, T.colClient),
                h("th", { scope: "col" }, T.colNeighbourhood),
                h("th", { scope: "col" }, T.colGaps),
                h("th", { scope: "col", class: "number" }, T.colStrength),
              ),
            ),
            rows,
          ),
    ),
  );
}
