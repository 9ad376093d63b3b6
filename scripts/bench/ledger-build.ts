// The bench's 10,000-case ledger, built by commands (register, assign, accept) and copied into a SQLite file.
import type { Actor } from '../../shared/case';
import { Ledger } from '../../sync-server/ledger/ledger';
import { createMemoryStore } from '../../sync-server/store/memory-store';
import { openSqliteStore } from '../../sync-server/store/sqlite-store';
import type { Store } from '../../sync-server/store/store';
import { copyCaseStates, copyRoomMarks } from './big-ledger';
import { sqliteBytes } from './procs';

export const REGISTRATION = {
  receivedAt: '2026-09-28',
  channel: '热线电话',
  company: '枣阳市汉光机械有限公司',
  address: '枣阳市南城街道',
  contactName: '刘经理',
  contactPhone: '13812345678',
  target: '',
  summary: '施工许可超期未办结',
  category: '1.行政许可、政务服务不予受理或不按程序时限办理',
};
export const OFFICE: Actor = { userId: 'admin', name: 'a', role: 'office', unitId: null };
/** BENCH_LEDGER_CASES (default 10,000) exists for quick trial runs only; the documented figures use the default. */
export const CASES = Number(process.env.BENCH_LEDGER_CASES ?? 10_000);
if (!Number.isSafeInteger(CASES) || CASES < 100 || CASES > 50_000)
  throw new Error('BENCH_LEDGER_CASES must be an integer in 100..50000');
const UNITS = 20;
/** Commands in flight at once while building: GroupCommit.flush() is O(pending) per caller, so keep this small. */
const BATCH = 50;

/** Ledger options over `store` with the wall clock and short sequential ids. */
export function openOpts(store: Store) {
  let n = 0;
  return { store, clock: Date.now, newId: (p: string) => `${p}-${(++n).toString(36)}` };
}

export const unitActor = (unitId: string): Actor => ({ userId: `user-${unitId}`, name: 'u', role: 'unit', unitId });

function check<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Registers, assigns and accepts CASES cases over UNITS units, BATCH commands at a time (group commit batches them). */
export async function populate(ledger: Ledger): Promise<string[]> {
  const units: string[] = [];
  for (let u = 0; u < UNITS; u++) units.push((await ledger.createUnit(`单位${u}`, null)).id);
  for (let start = 0; start < CASES; start += BATCH) {
    const size = Math.min(BATCH, CASES - start);
    const ids = (await Promise.all(Array.from({ length: size }, () => ledger.register(OFFICE, REGISTRATION)))).map(
      (r) => check(r).id,
    );
    const lead = (i: number) => units[(start + i) % UNITS] ?? '';
    await Promise.all(
      ids.map(async (id, i) => check(await ledger.run(OFFICE, id, 'assign', { leadUnit: lead(i), kind: 'general' }))),
    );
    await Promise.all(ids.map(async (id, i) => check(await ledger.run(unitActor(lead(i)), id, 'accept', {}))));
  }
  await ledger.whenDurable();
  return units;
}

/** Audit rows copied into the SQLite file: a sample, since the store writes them one statement at a time (~10k/s). */
const AUDIT_SAMPLE = 0.1;

/**
 * Copies what the memory store holds (each room's stored rows, units, counters) into a new SQLite file, then a
 * sample of the audit rows; returns the file size without audit and the size extrapolated to all audit rows.
 */
export async function copyToSqlite(
  from: Store,
  file: string,
): Promise<{ roomsBytes: number; estimatedBytes: number; auditRows: number }> {
  const to = await openSqliteStore(file);
  try {
    for (const room of await from.listRooms()) {
      const [first, ...rest] = await from.loadRoom(room);
      if (first !== undefined) void to.compactRoom(room, first);
      for (const u of rest) void to.appendUpdate(room, u);
    }
    await copyRoomMarks(from, to);
    for (const u of await from.units()) void to.putUnit(u);
    for (const [k, v] of await from.counters()) void to.setCounter(k, v);
    await copyCaseStates(from, to);
  } finally {
    await to.close();
  }
  const roomsBytes = sqliteBytes(file);
  const audit = await from.audit({ limit: Number.MAX_SAFE_INTEGER });
  const sample = audit.filter((_, i) => i % Math.round(1 / AUDIT_SAMPLE) === 0);
  const again = await openSqliteStore(file);
  try {
    for (let i = 0; i < sample.length; i += 1_000)
      void again.appendAudit(sample.slice(i, i + 1_000).map(({ id: _id, ...row }) => row));
  } finally {
    await again.close();
  }
  const perRow = sample.length === 0 ? 0 : (sqliteBytes(file) - roomsBytes) / sample.length;
  return { roomsBytes, estimatedBytes: roomsBytes + perRow * audit.length, auditRows: audit.length };
}

/** The CASES-case ledger built by commands over a memory store, then written to the SQLite file `file`. */
export async function buildLedgerFile(file: string): Promise<void> {
  const store = createMemoryStore();
  const ledger = await Ledger.open(openOpts(store));
  try {
    await populate(ledger);
  } finally {
    ledger.close();
  }
  await copyToSqlite(store, file);
}
