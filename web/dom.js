// Small DOM helpers shared by every view. Nothing here sets inline style attributes or handler attributes:
// the page runs under a Content-Security-Policy without 'unsafe-inline', so styles go through the CSSOM
// (node.style.x = …) and handlers through addEventListener.

export const $ = (id) => document.getElementById(id);

/** An element with attributes ("class", "on<event>" handlers, true for a bare attribute) and children. */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** The page-wide message above the views (empty hides it). */
export function notice(message, kind = 'error') {
  const box = $('notice');
  box.textContent = message || '';
  box.className = 'notice ' + kind;
  box.hidden = !message;
}

/** A view's status line (a polite live region). */
export function setStatus(id, message, error = false) {
  const node = $(id);
  node.textContent = message;
  node.classList.toggle('error', error);
}
