// Every piece of data reaches the page as a text node or an attribute value,
// never as markup.

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * @typedef {string | number | Node | null | undefined | false} Child
 * @typedef {Record<string, string | number | boolean | null | undefined | EventListener>} Attrs
 */

/**
 * @param {Element} element
 * @param {Attrs} attrs
 */
function setAttrs(element, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, "");
    } else {
      element.setAttribute(name, String(value));
    }
  }
}

/**
 * @param {Element} element
 * @param {Child[]} children
 */
function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * An HTML element: h("p", {class: "x"}, "text", h("b", {}, name)).
 * @param {string} tag
 * @param {Attrs} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  setAttrs(element, attrs);
  append(element, /** @type {Child[]} */ (children));
  return element;
}

/**
 * An SVG element, as h() is for HTML.
 * @param {string} tag
 * @param {Attrs} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {SVGElement}
 */
export function s(tag, attrs = {}, ...children) {
  const element = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  setAttrs(element, attrs);
  append(element, /** @type {Child[]} */ (children));
  return element;
}

/**
 * Replace everything inside a node.
 * @param {Element} element
 * @param {...(Child | Child[])} children
 */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, /** @type {Child[]} */ (children));
}

/** Tell screen-reader users what just happened, without moving focus. */
export function announce(/** @type {string} */ message) {
  const status = document.getElementById("status");
  if (!status) return;
  status.textContent = "";
  // A fresh text node in a later task, so the same message is read again.
  setTimeout(() => {
    status.textContent = message;
  }, 50);
}

/**
 * A short-lived visible note at the top of the page (and for screen readers).
 * @param {string} message
 */
export function toast(message) {
  const area = document.getElementById("toast");
  if (area) {
    area.textContent = message;
    area.hidden = false;
    clearTimeout(Number(area.dataset.timer));
    area.dataset.timer = String(setTimeout(() => (area.hidden = true), 6000));
  }
  announce(message);
}
