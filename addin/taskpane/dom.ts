// The pane's only way to build DOM: elements and text nodes (textContent semantics); markup is never parsed from strings.

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  /** Attributes set with setAttribute; event-handler attributes (on…) are refused. */
  attrs?: Record<string, string>;
  on?: Partial<Record<'click' | 'input' | 'change' | 'submit', (ev: Event) => void>>;
}

function append(el: Element, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** Creates an element; strings become text nodes, so case text (hostile by assumption) always shows as text. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class !== undefined) el.setAttribute('class', props.class);
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (/^on/i.test(name)) throw new Error(`不允许的属性：${name}`);
    el.setAttribute(name, value);
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    if (listener) el.addEventListener(type, listener);
  }
  append(el, children);
  return el;
}

/** Replaces an element's children (same rules as h). */
export function fill(el: Element, ...children: Child[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, children);
}
