// Taking a new client into care: who she is, where she lives, which team
// serves her. Then straight to her (empty) network for the first visit.

import { describe, graphql } from "../api.js";
import { fill, h, toast } from "../dom.js";
import { directoryPicker } from "../editing/directory-picker.js";
import { selectField, text, textField } from "../editing/fields.js";
import { T } from "../i18n.js";
import { TEAM, admitClient } from "../queries.js";

/**
 * @param {HTMLElement} main
 * @param {{teams: string[]}} profile
 */
export async function showAdmit(main, profile) {
  const teams = await Promise.all(
    profile.teams.map(async (id) => {
      const data = await graphql(TEAM, { id }).catch(() => null);
      return /** @type {[string, string]} */ ([id, data?.team?.name ?? id]);
    }),
  );
  const problem = h("div", { class: "problem", role: "alert" });
  const today = new Date().toISOString().slice(0, 10);
  // the service takes a new client's GP from the directory only
  const gp = directoryPicker({
    name: "generalPractitionerId",
    legend: T.gpFromDirectory,
    role: "huisarts",
    hint: T.gpHint,
    noneLabel: T.noGpYet,
    noneFound: T.gpNone,
  });
  const submit = h("button", { type: "submit", class: "button button--primary" }, T.admitSubmit);
  const form = /** @type {HTMLFormElement} */ (
    h(
      "form",
      { class: "card admit-form" },
      problem,
      textField({ name: "name", label: T.clientName, required: true, autofocus: true }),
      textField({
        name: "birthDate",
        label: T.birthDate,
        type: "date",
        attrs: { max: today, min: "1900-01-01" },
      }),
      textField({ name: "address", label: T.address, hint: T.addressHint }),
      textField({ name: "neighbourhood", label: T.neighbourhood, hint: T.neighbourhoodHint }),
      teams.length === 1
        ? h("input", { type: "hidden", name: "teamId", value: teams[0][0] })
        : selectField({
            name: "teamId",
            label: T.servingTeam,
            required: true,
            options: [["", T.chooseTeam], ...teams],
          }),
      teams.length === 1 ? h("p", { class: "hint" }, T.servedBy(teams[0][1])) : null,
      gp.element,
      h(
        "div",
        { class: "dialog-actions" },
        h("a", { href: "#/", class: "button" }, T.cancel),
        submit,
      ),
    )
  );
  let busy = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy || !form.reportValidity()) return;
    busy = true;
    problem.textContent = "";
    try {
      const name = text(form, "name") ?? "";
      const id = await admitClient({
        name,
        teamId: text(form, "teamId"),
        birthDate: text(form, "birthDate"),
        address: text(form, "address"),
        neighbourhood: text(form, "neighbourhood"),
        generalPractitionerId: gp.chosen()?.id ?? null,
      });
      location.hash = `#/clients/${encodeURIComponent(id)}`;
      toast(T.admitted(name));
    } catch (error) {
      problem.textContent = describe(error);
    } finally {
      busy = false;
    }
  });
  fill(
    main,
    h(
      "section",
      { class: "admit", "aria-labelledby": "admit-title" },
      h(
        "nav",
        { class: "crumbs", "aria-label": T.breadcrumb },
        h("a", { href: "#/" }, T.allClients),
      ),
      h("h1", { id: "admit-title", tabindex: "-1" }, T.admitTitle),
      h("p", { class: "lead" }, T.admitLead),
      form,
    ),
  );
  /** @type {HTMLElement | null} */ (form.querySelector("input"))?.focus();
}
