// STORE40: a batch of units reaches SQLite as one script; it stores exactly what bound statements store, or fails whole.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../sync-server/store/sqlite-db';
import { MAX_SCRIPT_CHARS, sqlLiteral } from '../../../sync-server/store/sqlite-script';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import type { StoreWrite } from '../../../sync-server/store/store';
import { StoreHaltedError } from '../../../sync-server/store/store';
import { audit, bytes, dump, tempDir, unit, user, withRawDb } from './store-fixtures';

const { dir, cleanup } = tempDir('sqlite-script-');
afterAll(cleanup);
let files = 0;
const freshFile = () => join(dir, `l${++files}`, 'ledger.sqlite');

/** Text a hostile client or a careless caller could put into a row. */
const HOSTILE = [
  "'); DROP TABLE audit; --",
  "it's",
  "''",
  'a\u0000b',
  '\u0000',
  '\ud800 lone surrogate \udfff',
  '=HYPERLINK("x")',
  '__proto__',
  "X'00'",
  '？、“引号”\n\r\t',
  '',
  '😀'.repeat(100),
  '?',
];

/** Text as SQLite keeps it: a lone surrogate becomes U+FFFD (sqlite3 converts to UTF-8 as Node does). */
const wellFormed = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

/** Opens a store whose writer counts the scripts it runs (exec) and the statements run on the connection itself. */
async function countingStore(file: string) {
  const calls = { exec: 0 };
  const store = await openSqliteStore(file, {
    log: () => undefined,
    onWriter: async (c: Connection) => {
      const exec = c.exec.bind(c);
      c.exec = (sql: string) => {
        calls.exec++;
        return exec(sql);
      };
    },
  });
  return { store, calls };
}

const edit = (room: string, tag: number, caseId: string, over = {}): StoreWrite[] => [
  { kind: 'update', room, update: bytes(tag) },
  { kind: 'update', room: 'ledger', update: bytes(tag + 100) },
  { kind: 'audit', rows: [audit(caseId, over)] },
];

describe('STORE40: one trip per batch of units', () => {
  it('STORE40: every literal reads back as the same value bound as a parameter would', async () => {
    const values: unknown[] = [
      ...HOSTILE,
      null,
      0,
      -1,
      2 ** 31,
      -(2 ** 31),
      -0,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      new Uint8Array([]),
      new Uint8Array([0, 39, 255, 63]),
      new Uint8Array(Buffer.from("x'y")).subarray(1),
    ];
    const file = freshFile();
    const store = await openSqliteStore(file); // creates the file
    await store.close();
    await withRawDb(file, async (db) => {
      for (const v of values) {
        const [bound] = await db.all<{ v: unknown; t: string }>('SELECT ? AS v, typeof(?) AS t', [v, v]);
        const [literal] = await db.all<{ v: unknown; t: string }>(
          `SELECT ${sqlLiteral(v)} AS v, typeof(${sqlLiteral(v)}) AS t`,
        );
        expect(literal).toEqual(bound);
      }
    });
  });

  it('STORE40: a batch of units is one script and stores what bound statements store: rows, order, ids, hostile text', async () => {
    const fast = await countingStore(freshFile());
    const bound = await countingStore(freshFile());
    try {
      for (const s of [fast.store, bound.store]) await s.putUnit(unit('u1'));
      const units: StoreWrite[][] = HOSTILE.map((text, i) => [
        ...edit(`unit:${text || 'u'}`, i, text, { actorName: text, note: text, old: text, new: { [text]: [text] } }),
        { kind: 'counter', name: `c${text}`, value: i },
        { kind: 'meta', key: `k${text}`, value: text },
        { kind: 'user', row: user(`a${i}`, 'u1', { name: text }) },
        // STORE32: a case's state, then a later one of the same case, which replaces it
        { kind: 'caseState', row: { id: `c${text}`, fields: { [text]: text, n: i } } },
        { kind: 'caseState', row: { id: `c${text}`, fields: { [text]: text, n: i + 1 } } },
      ]);
      const before = fast.calls.exec;
      await Promise.all(units.map((u) => fast.store.appendAll(u))); // one batch, every write in a unit
      expect(fast.calls.exec - before).toBe(1);
      // the same writes one by one outside units: bound statements
      for (const u of units) for (const w of u) await bound.store.appendAll([w]).then(() => undefined);
      expect(await dump(fast.store)).toEqual(await dump(bound.store));
      expect(await fast.store.caseStates()).toEqual(await bound.store.caseStates());
      const states = new Map((await fast.store.caseStates()).map((c) => [c.id, c.fields.n]));
      expect(HOSTILE.map((text) => states.get(wellFormed(`c${text}`)))).toEqual(HOSTILE.map((_, i) => i + 1));
      for (const [i, text] of HOSTILE.entries()) {
        expect(await fast.store.loadRoom(`unit:${text || 'u'}`)).toEqual([bytes(i)]);
        expect(await fast.store.meta(`k${text}`)).toBe(wellFormed(text));
      }
      const rows = await fast.store.audit({ limit: 100 });
      expect(rows.map((r) => r.id)).toEqual(HOSTILE.map((_, i) => i + 1));
      expect(rows.map((r) => r.note)).toEqual(HOSTILE.map(wellFormed));
    } finally {
      await fast.store.close();
      await bound.store.close();
    }
  });

  it('STORE40, STORE5: a statement failing in a one-script batch rolls the whole batch back, names the write at fault and halts the store', async () => {
    const file = freshFile();
    const { store, calls } = await countingStore(file);
    try {
      await store.putUnit(unit('u1'));
      await store.appendAll(edit('unit:u1', 1, 'C1'));
      const before = await dump(store);
      const execs = calls.exec;
      const results = await Promise.allSettled([
        store.appendAll(edit('unit:u1', 2, 'C2')),
        store.appendAll([...edit('unit:u1', 3, 'C3'), { kind: 'user', row: user('bad', 'nope') }]),
        store.appendAll(edit('unit:u1', 4, 'C4')),
      ]);
      expect(calls.exec - execs).toBe(1);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(
        /写入单元中的一项（用户 bad）失败.*FOREIGN KEY.*整批写入已撤销/,
      );
      expect(store.halted?.message).toMatch(/用户 bad/);
      expect(await dump(store)).toEqual(before);
      await expect(store.appendAll(edit('unit:u1', 5, 'C5'))).rejects.toBeInstanceOf(StoreHaltedError);
      expect(await store.probe()).toBe(true);
      await store.appendAll(edit('unit:u1', 6, 'C6'));
      expect(await store.loadRoom('unit:u1')).toEqual([bytes(1), bytes(6)]);
      expect((await store.audit({ limit: 10 })).map((r) => r.caseId)).toEqual(['C1', 'C6']);
    } finally {
      await store.close();
    }
  });

  it('STORE40: a batch with a write outside a unit, or too large for one script, takes the bound statements', async () => {
    const { store, calls } = await countingStore(freshFile());
    try {
      const execs = calls.exec;
      await Promise.all([store.appendAll(edit('unit:u1', 1, 'C1')), store.appendUpdate('ledger', bytes(9))]);
      await store.appendAll([{ kind: 'update', room: 'ledger', update: bytes(2, MAX_SCRIPT_CHARS / 2 + 1) }]);
      expect(calls.exec).toBe(execs);
      expect(await store.loadRoom('ledger')).toEqual([bytes(101), bytes(9), bytes(2, MAX_SCRIPT_CHARS / 2 + 1)]);
    } finally {
      await store.close();
    }
  });
});
