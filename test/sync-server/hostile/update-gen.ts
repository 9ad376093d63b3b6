// A structure-aware generator of hostile Yjs updates: real client documents, random keys, values, content types and depths.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { FIELD_IDS } from '../../../shared/fields';
import { casesOf } from '../../../shared/ydoc-layout';
import type { Content, S } from './v1';
import { encodeV1 } from './v1';

export type Rand = () => number;

/** Every name of Object.prototype (toString, constructor, __proto__ …) plus keys that are long, empty or unicode-odd. */
export const KEYS: readonly string[] = [
  ...FIELD_IDS,
  ...Object.getOwnPropertyNames(Object.prototype),
  '__proto__',
  'prototype',
  '',
  ' ',
  'k'.repeat(64),
  'k'.repeat(65),
  'k'.repeat(300),
  'status\u200b',
  '\u202estatus',
  'x\uD800',
  '经办人',
  '😀',
  'company ',
];

export const VALUES: readonly unknown[] = [
  '',
  ' ',
  '李四',
  '  电话  ',
  '电话',
  '书面',
  '满意',
  '不满意',
  '2026-10-08',
  '2099-12-31',
  '2026-02-30',
  '13812345678',
  '0710-6331373',
  '=HYPERLINK("http://evil.example","点我")',
  '+SUM(1,2)',
  '<script>alert(1)</script>',
  '办'.repeat(2001),
  'x'.repeat(70_000),
  '企业\u200b名称',
  '\u202e反向',
  '单独\uD800代理',
  '\uDC00',
  '\u0000控制',
  null,
  0,
  -1,
  1.5,
  2 ** 53,
  true,
  false,
  'closed',
  'handling',
  'u-evil',
];

export const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

/** A depth for nested types: mostly shallow, sometimes deep, rarely up to 10,000. */
export function depth(rand: Rand): number {
  const r = rand();
  if (r < 0.7) return 1 + Math.floor(rand() * 3);
  if (r < 0.97) return 4 + Math.floor(rand() * 200);
  return 1000 + Math.floor(rand() * 9001);
}

/** A chain of `n` nested shared types, built one level at a time once attached (Yjs integrates detached types recursively). */
export class Nest {
  constructor(
    readonly levels: number,
    readonly last: number,
  ) {}

  /** Puts the chain under `key` of `map` (or at the end of an array). */
  attach(parent: Y.Map<unknown> | Y.Array<unknown>, key: string): void {
    let cur: Y.AbstractType<unknown> = this.put(parent, key, this.levels <= 1 ? this.last : 0);
    for (let i = 1; i < this.levels; i++) {
      if (!(cur instanceof Y.Map)) return;
      cur = this.put(cur, 'k', i === this.levels - 1 ? this.last : 0);
    }
  }

  private put(parent: Y.Map<unknown> | Y.Array<unknown>, key: string, kind: number): Y.AbstractType<unknown> {
    const t = [
      () => new Y.Map<unknown>(),
      () => new Y.Array<unknown>(),
      () => new Y.Text('文本'),
      () => new Y.XmlFragment(),
    ][kind]!() as Y.AbstractType<unknown>;
    if (parent instanceof Y.Map) parent.set(key, t);
    else parent.push([t]);
    return t;
  }
}

/** A value of any kind a client could put into a map. */
export function anyValue(rand: Rand): unknown {
  const r = rand();
  if (r < 0.75) return pick(rand, VALUES);
  if (r < 0.82) return new Nest(depth(rand), Math.floor(rand() * 4));
  if (r < 0.86) return new Uint8Array([1, 2, 3]);
  if (r < 0.9) return { nested: { object: [1, 2, 3] } };
  if (r < 0.93) return [1, '二', null];
  if (r < 0.95) return new Y.Doc();
  if (r < 0.97) return undefined;
  return Number.NaN;
}

/** Sets a generated value (a Nest is attached level by level). */
export function put(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (value instanceof Nest) value.attach(map, key);
  else map.set(key, value);
}

export type OpName =
  | 'set'
  | 'multi'
  | 'delete-key'
  | 'create-case'
  | 'delete-case'
  | 'replace-case'
  | 'server-maps'
  | 'root'
  | 'deletes'
  | 'mutate'
  | 'crafted';

const OPS: readonly [OpName, number][] = [
  ['set', 36],
  ['multi', 10],
  ['delete-key', 8],
  ['create-case', 5],
  ['delete-case', 4],
  ['replace-case', 3],
  ['server-maps', 8],
  ['root', 8],
  ['deletes', 8],
  ['mutate', 10],
  ['crafted', 14],
];

export function pickOp(rand: Rand): OpName {
  let r = rand() * OPS.reduce((n, [, w]) => n + w, 0);
  for (const [name, w] of OPS) {
    r -= w;
    if (r < 0) return name;
  }
  return 'set';
}

/** What `fn` does to the client document, as the one update a provider would send. */
export function capture(doc: Y.Doc, fn: () => void): Uint8Array | null {
  let out: Uint8Array | null = null;
  const on = (u: Uint8Array) => {
    out = out === null ? u : Y.mergeUpdates([out, u]);
  };
  doc.on('update', on);
  try {
    doc.transact(fn);
  } finally {
    doc.off('update', on);
  }
  return out;
}

/** A random operation on the client's copy of the room, as one update (null when it changed nothing). */
export function generate(rand: Rand, doc: Y.Doc, op: OpName, knownClients: readonly number[]): Uint8Array | null {
  const cases = casesOf(doc);
  const ids = [...cases.keys()];
  const someCase = () => (ids.length > 0 ? (cases.get(pick(rand, ids)) as unknown as Y.Map<unknown>) : null);
  switch (op) {
    case 'set':
    case 'multi':
      return capture(doc, () => {
        for (let i = 0; i < (op === 'multi' ? 2 + Math.floor(rand() * 4) : 1); i++) {
          const m = someCase();
          if (m !== null) put(m, pick(rand, KEYS), anyValue(rand));
        }
      });
    case 'delete-key':
      return capture(doc, () => {
        const m = someCase();
        if (m !== null) m.delete(pick(rand, [...m.keys()]) ?? 'status');
      });
    case 'create-case':
    case 'replace-case':
      return capture(doc, () => {
        const m = new Y.Map<unknown>();
        for (let i = 0; i < 1 + rand() * 4; i++) m.set(pick(rand, KEYS), pick(rand, VALUES));
        cases.set(
          (op === 'replace-case' && ids.length > 0
            ? pick(rand, ids)
            : `c-forged-${Math.floor(rand() * 1e6)}`) as string,
          m as never,
        );
      });
    case 'delete-case':
      return capture(doc, () => {
        if (ids.length > 0) cases.delete(pick(rand, ids));
      });
    case 'server-maps':
      return capture(doc, () => {
        const target = rand() < 0.5 ? doc.getMap('units') : doc.getMap('meta');
        const key = rand() < 0.5 ? (pick(rand, [...target.keys()]) ?? 'year') : pick(rand, KEYS);
        const inner = target.get(key);
        if (inner instanceof Y.Map && rand() < 0.6)
          put(inner, pick(rand, ['name', 'evil', 'toString']), anyValue(rand));
        else put(target, key, anyValue(rand));
      });
    case 'root':
      return capture(doc, () => {
        const name = pick(rand, ['evil', 'spam', 'toString', '__proto__', 'caseS', '']);
        const kind = Math.floor(rand() * 3);
        const v = anyValue(rand);
        if (kind === 0) put(doc.getMap(`${name}-m`), pick(rand, KEYS), v);
        else if (kind === 1) {
          if (v instanceof Nest) v.attach(doc.getArray(`${name}-a`), '');
          else doc.getArray(`${name}-a`).push([v]);
        } else doc.getText(`${name}-t`).insert(0, '文本');
      });
    case 'deletes':
      return craftedDeletes(rand, doc, knownClients);
    case 'crafted':
      return crafted(rand, doc, knownClients);
    case 'mutate': {
      const base = generate(rand, doc, 'set', knownClients);
      return base === null ? null : mutateBytes(rand, base);
    }
  }
}

/** A delete set aimed at known or random clients, inside, across or beyond what they wrote. */
function craftedDeletes(rand: Rand, doc: Y.Doc, knownClients: readonly number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  const n = 1 + Math.floor(rand() * 3);
  encoding.writeVarUint(e, n);
  for (let i = 0; i < n; i++) {
    const client = rand() < 0.8 && knownClients.length > 0 ? pick(rand, knownClients) : Math.floor(rand() * 0xffffffff);
    const state = Y.getState(doc.store, client);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, Math.floor(rand() * (state + 5)));
    encoding.writeVarUint(e, 1 + Math.floor(rand() * (rand() < 0.1 ? 1_000_000 : 20)));
  }
  return encoding.toUint8Array(e);
}

function mutateBytes(rand: Rand, base: Uint8Array): Uint8Array {
  const b = base.slice();
  switch (Math.floor(rand() * 3)) {
    case 0:
      return b.slice(0, Math.floor(rand() * b.length));
    case 1:
      for (let i = 0; i < 1 + rand() * 3; i++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      return b;
    default:
      return Uint8Array.from([
        ...b,
        ...Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 256)),
      ]);
  }
}

/** Some item id the document holds (a case map, a field value, a unit …), or null. */
function someItemId(rand: Rand, doc: Y.Doc): [number, number] | null {
  const clients = [...doc.store.clients.values()];
  if (clients.length === 0) return null;
  const list = pick(rand, clients);
  const s = list[Math.floor(rand() * list.length)];
  return s === undefined ? null : [s.id.client, s.id.clock + Math.floor(rand() * s.length)];
}

/**
 * Hand-built structs no Y.Doc would encode: overlapping what the server has (straddling its state), declared in one
 * place while their origin is in another, many client ids on one key, tombstones and GC before content, parents after
 * their children, cycles between clients.
 */
function crafted(rand: Rand, doc: Y.Doc, knownClients: readonly number[]): Uint8Array {
  const blocks: { client: number; clock: number; structs: S[] }[] = [];
  const clients = 1 + (rand() < 0.1 ? Math.floor(rand() * 60) : Math.floor(rand() * 3));
  for (let b = 0; b < clients; b++) {
    const client =
      rand() < 0.5 && knownClients.length > 0 ? pick(rand, knownClients) : 1 + Math.floor(rand() * 0xfffffff);
    if (blocks.some((x) => x.client === client)) continue;
    const state = Y.getState(doc.store, client);
    const clock = state > 0 && rand() < 0.5 ? state - 1 - Math.floor(rand() * Math.min(state, 3)) : state;
    const structs: S[] = [];
    for (let i = 0; i < 1 + Math.floor(rand() * 3); i++)
      structs.push(craftedStruct(rand, doc, client, clock + structs.length));
    blocks.push({ client, clock, structs });
  }
  return encodeV1(blocks);
}

function craftedStruct(rand: Rand, doc: Y.Doc, client: number, clock: number): S {
  const contents: Content[] = [
    { deleted: 1 + Math.floor(rand() * 3) },
    { any: [pick(rand, VALUES) ?? null] },
    { any: [pick(rand, VALUES) ?? null, 1] },
    { map: true },
    { string: '文本'.repeat(1 + Math.floor(rand() * 50)) },
    { gc: 1 + Math.floor(rand() * 3) },
  ];
  const content = pick(rand, contents);
  if ('gc' in content) return { content };
  const r = rand();
  const at = someItemId(rand, doc);
  if (r < 0.35 && at !== null) return { origin: at, content };
  if (r < 0.45) return { origin: [client, clock + Math.floor(rand() * 3)], content }; // itself or later: never applicable
  const parent =
    r < 0.8 && at !== null
      ? { id: rand() < 0.1 ? ([client, clock + 1] as [number, number]) : at }
      : { root: pick(rand, ['cases', 'units', 'meta', 'evil']) };
  return { parent, sub: rand() < 0.9 ? pick(rand, KEYS) : undefined, content };
}
