// Test helpers for the store suites: sample rows, a full dump of a store, and a second raw sqlite3 connection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import type {
  HolidayYearRow,
  NewAudit,
  Store,
  SupervisionRow,
  UnitRow,
  UserRow,
} from '../../../sync-server/store/store';

export const unit = (id: string, name = `单位${id}`): UnitRow => ({
  id,
  name,
  contact: '0571-8888',
  createdAt: '2026-03-02T09:00:00+08:00',
});

export const user = (id: string, unitId: string | null, over: Partial<UserRow> = {}): UserRow => ({
  id,
  name: `用户${id}`,
  role: unitId === null ? 'office' : 'unit',
  unitId,
  tokenHash: `hash-${id}`,
  createdAt: '2026-03-02T09:00:00+08:00',
  revokedAt: null,
  ...over,
});

export const audit = (caseId: string | null, over: Partial<NewAudit> = {}): NewAudit => ({
  at: '2026-03-02T10:00:00+08:00',
  actorId: 'o1',
  actorName: '张三',
  role: 'office',
  unitId: null,
  caseId,
  command: 'assign',
  field: null,
  old: 'registered',
  new: 'assigned',
  accepted: true,
  code: null,
  note: null,
  ...over,
});

export const supervision = (code: string, caseId: string, over: Partial<SupervisionRow> = {}): SupervisionRow => ({
  code,
  caseId,
  unitId: 'u1',
  issuedAt: '2026-03-05T09:00:00+08:00',
  replyDueAt: '2026-03-10T23:59:59+08:00',
  note: '请加快办理',
  repliedAt: null,
  reply: null,
  ...over,
});

/** n deterministic bytes tagged with `tag` (a small Yjs-update-sized payload). */
export function bytes(tag: number, n = 12): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (tag * 31 + i * 7) & 255);
}

/** Everything a store can show, for comparing two stores. */
export async function dump(store: Store): Promise<unknown> {
  const rooms: Record<string, unknown> = {};
  for (const room of await store.listRooms()) {
    rooms[room] = { blobs: (await store.loadRoom(room)).map((b) => Array.from(b)), stats: await store.roomStats(room) };
  }
  return {
    rooms,
    counters: [...(await store.counters())],
    units: await store.units(),
    users: await store.users(),
    audit: await store.audit({ limit: 1_000_000 }),
    supervisions: await store.supervisions(),
    holidayYears: await store.holidayYears(),
    caseStates: await store.caseStates(),
    meta: { schema: await store.meta('schema_version'), title: await store.meta('title') },
  };
}

/** A fresh directory under the OS temp dir, and its removal. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A second, independent sqlite3 connection (no code shared with the store) to look at the file directly. */
export class RawDb {
  private constructor(private readonly db: sqlite3.Database) {}

  static open(file: string): Promise<RawDb> {
    return new Promise((resolve, reject) => {
      const db: sqlite3.Database = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (err: Error | null) =>
        err ? reject(err) : resolve(new RawDb(db)),
      );
    });
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.db.all<T>(sql, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
    });
  }

  run(sql: string, params: unknown[] = []): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, params, (err: Error | null) => (err ? reject(err) : resolve()));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.close((err: Error | null) => (err ? reject(err) : resolve()));
    });
  }
}

/** Runs `fn` with a raw connection to `file`, closing it afterwards. */
export async function withRawDb<T>(file: string, fn: (db: RawDb) => Promise<T>): Promise<T> {
  const db = await RawDb.open(file);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Resolves after the current setImmediate phase (one event-loop turn). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** STORE20: a year's uploaded notice (元旦 off, one 调休 day worked) by office user o1. */
export function holidayYear(year: number, over: Partial<HolidayYearRow> = {}): HolidayYearRow {
  return {
    year,
    days: [
      { name: '元旦', date: `${year}-01-01`, isOffDay: true },
      { name: '春节', date: `${year}-02-20`, isOffDay: false },
    ],
    uploadedBy: 'o1',
    uploadedByName: '营商办张三',
    uploadedAt: '2026-12-01T09:00:00+08:00',
    ...over,
  };
}
