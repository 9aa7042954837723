/** Attributes and properties of {@link h}: `class`, `data-*`, `aria-*`, event handlers (`onclick`), ... */
export type Props = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

/** A child of {@link h}: a node, text, or nothing. */
export type Child = Node | string | number | null | undefined | false;

/**
 * Creates an element: `h('button', { class: 'primary', onclick: run }, 'Evaluate')`. `on*` props are
 * event listeners, `true` sets an empty attribute, `false`/`null`/`undefined` leave it out; text
 * children are text nodes (never parsed as HTML).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
  return element;
}

/** Replaces an element's children. */
export function setChildren(element: Element, ...children: Child[]): void {
  element.replaceChildren(
    ...children
      .filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false)
      .map((c) => (typeof c === 'number' ? String(c) : c)),
  );
}
