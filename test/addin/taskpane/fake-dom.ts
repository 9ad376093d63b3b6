// A minimal DOM for rendering tests in Node (jsdom is not installed): elements, text nodes, attributes; innerHTML refused.

export class FakeNode {
  parent: FakeElement | null = null;
  get textContent(): string {
    return '';
  }
}

export class FakeText extends FakeNode {
  constructor(public data: string) {
    super();
  }
  override get textContent(): string {
    return this.data;
  }
}

export class FakeElement extends FakeNode {
  readonly childNodes: FakeNode[] = [];
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, ((ev: unknown) => void)[]>();
  value = '';
  checked = false;
  disabled = false;
  constructor(readonly tagName: string) {
    super();
  }
  get firstChild(): FakeNode | null {
    return this.childNodes[0] ?? null;
  }
  get children(): FakeElement[] {
    return this.childNodes.filter((n): n is FakeElement => n instanceof FakeElement);
  }
  appendChild(n: FakeNode): FakeNode {
    n.parent?.removeChild(n);
    n.parent = this;
    this.childNodes.push(n);
    return n;
  }
  append(...nodes: FakeNode[]): void {
    for (const n of nodes) this.appendChild(n);
  }
  removeChild(n: FakeNode): FakeNode {
    const i = this.childNodes.indexOf(n);
    if (i >= 0) this.childNodes.splice(i, 1);
    n.parent = null;
    return n;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  addEventListener(type: string, fn: (ev: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  dispatch(type: string): void {
    for (const fn of this.listeners.get(type) ?? []) fn({ type, preventDefault: () => undefined });
  }
  override get textContent(): string {
    return this.childNodes.map((n) => n.textContent).join('');
  }
  override set textContent(v: string) {
    this.childNodes.splice(0).forEach((n) => (n.parent = null));
    this.appendChild(new FakeText(v));
  }
  set innerHTML(_v: string) {
    throw new Error('innerHTML must never be used');
  }
  set outerHTML(_v: string) {
    throw new Error('outerHTML must never be used');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML must never be used');
  }
  /** Every element below (and including) this one. */
  all(): FakeElement[] {
    return [this, ...this.children.flatMap((c) => c.all())];
  }
}

export const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag.toUpperCase()),
  createTextNode: (text: string) => new FakeText(text),
};

/** Installs the fake as the global `document` for the duration of a test file. */
export function installFakeDocument(): () => void {
  const g = globalThis as { document?: unknown };
  const before = g.document;
  g.document = fakeDocument;
  return () => {
    g.document = before;
  };
}
