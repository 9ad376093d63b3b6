// A tiny strict XML reader for the manifest tests (no dependency): elements, attributes, text; throws on malformed input.

export interface XmlElement {
  /** Qualified name as written, e.g. `bt:Image`. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text content directly inside (entities decoded, CDATA included), trimmed. */
  text: string;
  line: number;
}

const NAME = /^[A-Za-z_][-A-Za-z0-9_.]*(?::[A-Za-z_][-A-Za-z0-9_.]*)?/;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export class XmlError extends Error {}

function decode(s: string, line: number): string {
  return s.replace(/&([^;\s&]*);?/g, (whole, ent: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`line ${line}: bare '&'`);
    if (ent in ENTITIES) return ENTITIES[ent]!;
    const m = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(ent);
    if (!m) throw new XmlError(`line ${line}: unknown entity &${ent};`);
    return String.fromCodePoint(m[1]!.startsWith('x') ? parseInt(m[1]!.slice(1), 16) : parseInt(m[1]!, 10));
  });
}

/** Parses a whole document: optional declaration, comments, exactly one root element; namespace prefixes must be declared. */
export function parseXml(src: string): XmlElement {
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const stack: { el: XmlElement; prefixes: Set<string>; text: string[] }[] = [];
  let root: XmlElement | null = null;
  const fail = (msg: string): never => {
    throw new XmlError(`line ${line}: ${msg}`);
  };
  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (src.charCodeAt(k) === 10) line++;
    i = to;
  };
  const declared = (prefix: string) => prefix === 'xml' || stack.some((s) => s.prefixes.has(prefix));

  if (src.startsWith('<?xml', i)) {
    const end = src.indexOf('?>', i);
    if (end < 0) fail('unterminated XML declaration');
    advance(end + 2);
  }
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    const text = src.slice(i, textEnd);
    if (text.trim() !== '') {
      if (stack.length === 0) fail('text outside the root element');
      stack[stack.length - 1]!.text.push(decode(text, line));
    }
    advance(textEnd);
    if (lt < 0) break;
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) fail('unterminated comment');
      if (src.slice(i + 4, end).includes('--')) fail("'--' inside a comment");
      advance(end + 3);
    } else if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i);
      if (end < 0 || stack.length === 0) fail('bad CDATA section');
      stack[stack.length - 1]!.text.push(src.slice(i + 9, end));
      advance(end + 3);
    } else if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i);
      if (end < 0) fail('unterminated processing instruction');
      advance(end + 2);
    } else if (src.startsWith('<!', i)) {
      fail('DOCTYPE and other declarations are not allowed');
    } else if (src.startsWith('</', i)) {
      const m = /^<\/([^\s>]+)\s*>/.exec(src.slice(i));
      if (!m) fail('bad end tag');
      const top = stack.pop();
      if (!top || top.el.name !== m![1]) fail(`end tag </${m![1]}> does not match <${top?.el.name ?? '(none)'}>`);
      top!.el.text = top!.text.join('').trim();
      advance(i + m![0].length);
    } else {
      if (root !== null && stack.length === 0) fail('more than one root element');
      const nameMatch = NAME.exec(src.slice(i + 1));
      if (!nameMatch) fail('bad element name');
      const el: XmlElement = { name: nameMatch![0], attrs: {}, children: [], text: '', line };
      const prefixes = new Set<string>();
      advance(i + 1 + nameMatch![0].length);
      const rawAttrs: [string, string][] = [];
      for (;;) {
        const ws = /^\s*/.exec(src.slice(i))![0];
        advance(i + ws.length);
        if (src.startsWith('/>', i) || src.startsWith('>', i)) break;
        if (ws === '') fail(`missing space before attribute in <${el.name}>`);
        const a = /^([A-Za-z_][-A-Za-z0-9_.]*(?::[A-Za-z_][-A-Za-z0-9_.]*)?)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(
          src.slice(i),
        );
        if (!a) fail(`bad attribute in <${el.name}>`);
        const value = decode(a![3] ?? a![4] ?? '', line);
        if (rawAttrs.some(([n]) => n === a![1])) fail(`duplicate attribute ${a![1]} in <${el.name}>`);
        rawAttrs.push([a![1]!, value]);
        if (a![1]!.startsWith('xmlns:')) prefixes.add(a![1]!.slice(6));
        advance(i + a![0].length);
      }
      stack.push({ el, prefixes, text: [] });
      for (const [n, v] of rawAttrs) {
        const prefix = n.includes(':') ? n.split(':')[0]! : null;
        if (prefix !== null && prefix !== 'xmlns' && !declared(prefix))
          fail(`undeclared prefix ${prefix}: in <${el.name}>`);
        el.attrs[n] = v;
      }
      if (el.name.includes(':') && !declared(el.name.split(':')[0]!)) fail(`undeclared prefix in <${el.name}>`);
      const selfClosing = src.startsWith('/>', i);
      advance(i + (selfClosing ? 2 : 1));
      if (stack.length > 1) stack[stack.length - 2]!.el.children.push(el);
      else root = el;
      if (selfClosing) stack.pop();
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]!.el.name}> is never closed`);
  if (root === null) fail('no root element');
  return root!;
}

/** The element and all its descendants, document order. */
export function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The one child of that name; throws when missing or repeated. */
export function only(el: XmlElement, name: string): XmlElement {
  const found = childrenNamed(el, name);
  if (found.length !== 1) throw new Error(`<${el.name}> (line ${el.line}) has ${found.length} <${name}>`);
  return found[0]!;
}
