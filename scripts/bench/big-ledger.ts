// A large ledger for the cold-start figure, built fast: real commands for one case per unit, then copies of it through the projection.
import type { CaseFields } from '../../shared/case';
import { Ledger } from '../../sync-server/ledger/ledger';
import { markKey } from '../../sync-server/ledger/room-marks';
import { createMemoryStore } from '../../sync-server/store/memory-store';
import { openSqliteStore } from '../../sync-server/store/sqlite-store';
import type { Actor } from '../../shared/case';
import { CASE_STATES_COMPLETE, CASE_STATES_KEY } from '../../sync-server/store/case-states';
import type { Store, StoreWrite } from '../../sync-server/store/store';

const UNITS = 20;
const PER_UNIT_OF_WORK = 500;

function check<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** STORE32: the case states and their mark, as the server keeps them, in units of 1,000 cases. */
export async function copyCaseStates(from: Store, to: Store): Promise<void> {
  const rows = await from.caseStates();
  for (let i = 0; i < rows.length; i += 1_000)
    void to.appendAll(rows.slice(i, i + 1_000).map((row): StoreWrite => ({ kind: 'caseState', row })));
  await to.setMeta(CASE_STATES_KEY, (await from.meta(CASE_STATES_KEY)) ?? CASE_STATES_COMPLETE);
}

/** STORE35: the rooms' marks as the server wrote them (meta rows), copied with the rooms. */
export async function copyRoomMarks(from: Store, to: Store): Promise<void> {
  for (const room of await from.listRooms()) {
    const mark = await from.meta(markKey(room));
    if (mark !== null) void to.setMeta(markKey(room), mark);
  }
}

/**
 * Writes a SQLite ledger of `cases` cases in state handling over 20 units to `file`, each room as one snapshot: the
 * server's own compaction of each room (STORE4; STORE35 marks the unit rooms' snapshots), then the store copied. The first case of each unit goes through register → assign → accept; the others are copies of
 * it under new ids, written through the projection (ledger room and unit room, like any accepted change).
 */
export async function writeBigLedger(file: string, cases: number, office: Actor, registration: unknown): Promise<void> {
  const store = createMemoryStore();
  let n = 0;
  const ledger = await Ledger.open({ store, clock: Date.now, newId: (p) => `${p}-${(++n).toString(36)}` });
  try {
    const templates: CaseFields[] = [];
    for (let u = 0; u < UNITS; u++) {
      const unitId = (await ledger.createUnit(`单位${u}`, null)).id;
      const id = check(await ledger.register(office, registration)).id;
      check(await ledger.run(office, id, 'assign', { leadUnit: unitId, kind: 'general' }));
      const unitActor = { userId: `user-${unitId}`, name: 'u', role: 'unit' as const, unitId };
      templates.push(check(await ledger.run(unitActor, id, 'accept', {})).fields);
    }
    for (let start = UNITS; start < cases; start += PER_UNIT_OF_WORK) {
      const end = Math.min(cases, start + PER_UNIT_OF_WORK);
      await ledger.transaction((unit) => {
        for (let i = start; i < end; i++)
          ledger.projection.commit(`c-big-${i.toString(36)}`, templates[i % UNITS] ?? {}, unit);
      }).done;
    }
    for (const room of ledger.docs.rooms()) ledger.docs.compact(room);
    await ledger.whenDurable();
    const to = await openSqliteStore(file);
    try {
      for (const room of await store.listRooms()) {
        const [snapshot, ...rest] = await store.loadRoom(room);
        if (snapshot === undefined || rest.length > 0) throw new Error(`房间 ${room} 未压缩成一个快照`);
        void to.compactRoom(room, snapshot);
      }
      await copyRoomMarks(store, to);
      for (const u of await store.units()) void to.putUnit(u);
      for (const [k, v] of await store.counters()) void to.setCounter(k, v);
      await copyCaseStates(store, to);
    } finally {
      await to.close();
    }
  } finally {
    ledger.close();
  }
}
