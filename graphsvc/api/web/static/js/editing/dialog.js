// A modal form: native <dialog>, so Escape closes it and focus stays inside.

import { Conflict, Gone, SignedOut, describe } from "../api.js";
import { h, toast } from "../dom.js";
import { T } from "../i18n.js";

let counter = 0;

/**
 * @typedef {{
 *   title: string,
 *   intro?: (string | Node)[],
 *   fields?: Node[],
 *   submitLabel: string,
 *   cancelLabel?: string,
 *   afterSubmit?: () => void,
 *   danger?: boolean,
 *   onSubmit: (form: HTMLFormElement, opened: FormData) => Promise<void>,
 * }} DialogSpec
 */

/**
 * Open a dialog. It stays open, with everything typed in it, until the
 * change went through or the nurse closes it; a problem is shown inside.
 * ``onSubmit`` is also given the form's values as it opened, so that a
 * change sends only what the nurse changed.
 * @param {DialogSpec} spec
 * @returns {HTMLDialogElement}
 */
export function openDialog(spec) {
  counter += 1;
  const titleId = `dialog-title-${counter}`;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const openerKey = opener?.dataset.key ?? null;

  const problem = h("div", { class: "problem", role: "alert" });
  const submit = h(
    "button",
    { type: "submit", class: spec.danger ? "button button--danger" : "button button--primary" },
    spec.submitLabel,
  );
  const cancel = h("button", { type: "button", class: "button" }, spec.cancelLabel ?? T.cancel);
  const form = /** @type {HTMLFormElement} */ (
    h(
      "form",
      { class: "dialog-form" },
      h("h2", { id: titleId }, spec.title),
      problem,
      ...(spec.intro ?? []).map((part) => (typeof part === "string" ? h("p", {}, part) : part)),
      ...(spec.fields ?? []),
      h("div", { class: "dialog-actions" }, cancel, submit),
    )
  );
  const dialog = /** @type {HTMLDialogElement} */ (
    h("dialog", { class: "dialog", "aria-labelledby": titleId }, form)
  );

  const opened = new FormData(form);
  let busy = false;
  cancel.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy || !form.reportValidity()) return;
    busy = true;
    submit.setAttribute("aria-disabled", "true");
    form.setAttribute("aria-busy", "true");
    problem.textContent = "";
    dialog.classList.remove("dialog--conflict");
    try {
      await spec.onSubmit(form, opened);
      if (spec.afterSubmit) {
        const next = spec.afterSubmit;
        dialog.addEventListener("close", () => next(), { once: true });
      }
      dialog.close();
    } catch (error) {
      if (error instanceof SignedOut) {
        dialog.close();
        return;
      }
      if (error instanceof Gone) {
        // Saving again could only fail again: the page shows the news.
        dialog.close();
        toast(error.message);
        return;
      }
      if (error instanceof Conflict) dialog.classList.add("dialog--conflict");
      problem.textContent = describe(error);
      dialog.scrollTo({ top: 0 });
    } finally {
      busy = false;
      submit.removeAttribute("aria-disabled");
      form.removeAttribute("aria-busy");
    }
  });
  dialog.addEventListener("close", () => {
    dialog.remove();
    // The page behind may have been redrawn; find the same control again.
    const again = opener?.isConnected ? opener : openerKey ? findByKey(openerKey) : null;
    (again ?? document.querySelector("main h1"))?.focus();
  });

  document.body.append(dialog);
  dialog.showModal();
  const first = form.querySelector("[autofocus]") ?? form.querySelector("input, select, textarea");
  if (first instanceof HTMLElement) first.focus();
  return dialog;
}

/** @param {string} key */
function findByKey(key) {
  for (const element of document.querySelectorAll("[data-key]")) {
    if (element instanceof HTMLElement && element.dataset.key === key) return element;
  }
  return null;
}

/** Close every open dialog (on sign-out or when leaving the page). */
export function closeAll() {
  for (const dialog of document.querySelectorAll("dialog")) {
    if (dialog instanceof HTMLDialogElement) dialog.close();
  }
}
