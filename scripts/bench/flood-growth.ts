// Lasting growth per refused update (issue 7): refusals of four kinds straight into ledger.applyClientUpdate over SQLite.
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import * as Y from 'yjs';
import type { Actor } from '../../shared/case';
import { FIELD_BY_ID } from '../../shared/fields';
import { casesOf } from '../../shared/ydoc-layout';
import { Ledger } from '../../sync-server/ledger/ledger';
import { openSqliteStore } from '../../sync-server/store/sqlite-store';
import { OFFICE, REGISTRATION } from './ledger-build';
import { sqliteBytes } from './procs';
import type { Summary } from './stats';
import { summarize } from './stats';

export type GrowthKind = 'viewer-company' | 'unit-status' | 'nested-map' | 'office-server-fields';

export interface GrowthFigures {
  kind: GrowthKind;
  room: string;
  updates: number;
  /** Refused keys (case, field) in each update: 1, or every field of every case of the room in one transaction. */
  keysPerUpdate: number;
  /** Outcomes returned by applyClientUpdate (every one must be a refusal). */
  outcomes: Record<string, number>;
  /** Encoded state (Y.encodeStateAsUpdate) of the room the refusals went to. */
  roomBytes: [number, number];
  /** Database + -wal + -shm after a compaction of the room and a WAL checkpoint (TRUNCATE). */
  fileBytes: [number, number];
  /** Pages in use (page_count − freelist_count) × page_size: the file without the pages SQLite will reuse. */
  liveBytes: [number, number];
  /** Refusal audit rows added, and the refusals they stand for (sum of `count`). */
  auditRows: number;
  auditCount: number;
  /** Microseconds per applyClientUpdate call, and the mean of the first and last tenth of the series. */
  time: Summary;
  drift: [number, number];
  /** Wall time of the series (building the updates, feeding back, draining the store included). */
  seconds: number;
}

const VIEWER: Actor = { userId: 'bench-viewer', name: '领导', role: 'viewer', unitId: null };
const CASES = 6;
const DRAIN_EVERY = 1_000;
const WHOLE_PER_CASE = 200;

/** A second connection to the file: checkpoints the WAL into it, then reads page use and the refusal audit totals. */
function inspectFile(file: string): Promise<{ live: number; rows: number; count: number }> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (e) => {
      if (e) return reject(e);
      const sql = `SELECT (SELECT page_count FROM pragma_page_count) AS pages, (SELECT freelist_count FROM pragma_freelist_count) AS free,
        (SELECT page_size FROM pragma_page_size) AS size, count(*) AS rows, coalesce(sum(count), 0) AS count FROM audit WHERE accepted = 0`;
      db.get<{ busy: number }>('PRAGMA wal_checkpoint(TRUNCATE)', (err, cp) => {
        if (err || cp?.busy !== 0) {
          db.close();
          return reject(err ?? new Error('WAL checkpoint could not complete'));
        }
        db.get<{ pages: number; free: number; size: number; rows: number; count: number }>(sql, (err2, r) => {
          db.close();
          if (err2 || r === undefined) reject(err2 ?? new Error('no row'));
          else resolve({ live: (r.pages - r.free) * r.size, rows: r.rows, count: r.count });
        });
      });
    });
  });
}

function check<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/**
 * Part A of `npm run bench:flood`: a ledger over a real SQLite file with two units and six cases in state handling;
 * then `updates` refusals of each kind through ledger.applyClientUpdate (no transport, so no budget stops them):
 * a viewer setting `company` in the ledger room (refused whole: a viewer changes nothing); the lead unit setting
 * `status` in its room (compensated); a nested map in a case field of the unit room (refused whole before anything is
 * applied); then `wideUpdates` office updates that each set every server-owned field of every case in one transaction
 * (compensated, one rejection per key, each key charged to the budgets of SYNC7). Before and after each series the refusal audit
 * is flushed, the store drained, the room compacted into one snapshot and the WAL checkpointed.
 */
export async function runGrowth(
  dir: string,
  updates: number,
  wideUpdates: number,
  log: (s: string) => void,
): Promise<GrowthFigures[]> {
  const file = join(dir, 'growth.sqlite');
  const store = await openSqliteStore(file);
  let ids = 0;
  const ledger = await Ledger.open({
    store,

    clock: Date.now,
    newId: (p) => `${p}-${(++ids).toString(36)}`,
  });
  try {
    const units = [await ledger.createUnit('承办单位甲', null), await ledger.createUnit('承办单位乙', null)];
    const actors = units.map((u, i): Actor => ({
      userId: `bench-unit-${i}`,
      name: `联络员${i}`,
      role: 'unit',
      unitId: u.id,
    }));
    for (let i = 0; i < CASES; i++) {
      const lead = actors[i % actors.length] as Actor;
      const c = check(await ledger.register(OFFICE, { ...REGISTRATION, company: `企业${i}` }));
      check(await ledger.run(OFFICE, c.id, 'assign', { leadUnit: lead.unitId, kind: 'general' }));
      check(await ledger.run(lead, c.id, 'accept', {}));
    }
    await ledger.whenDurable();
    const [a, b] = actors as [Actor, Actor];

    const settle = async (room: string) => {
      ledger.flushAudit();
      await ledger.whenDurable();
      ledger.docs.compact(room);
      await ledger.whenDurable();
      const f = await inspectFile(file);
      return { room: Y.encodeStateAsUpdate(ledger.doc(room)).length, file: sqliteBytes(file), ...f };
    };

    /** Feeds back what the room broadcasts (the compensation), as the transport would, so each edit is refused anew. */
    const series = async (
      kind: GrowthKind,
      room: string,
      actor: Actor,
      field: string,
      expected: 'applied' | 'refused',
      updates: number,
    ) => {
      const before = await settle(room);
      const start = performance.now();
      const client = new Y.Doc();
      const base = Y.encodeStateAsUpdate(ledger.doc(room));
      Y.applyUpdate(client, base);
      const caseIds = [...casesOf(client).keys()];
      const fields =
        field === '*' ? [...FIELD_BY_ID.values()].filter((f) => f.owner === 'server').map((f) => f.id) : [field];
      const keysPerUpdate = field === '*' ? caseIds.length * fields.length : 1;
      const back: Uint8Array[] = [];
      const onUpdate = (u: Uint8Array) => back.push(u);
      const doc = ledger.doc(room);
      doc.on('update', onUpdate);
      const last: { update: Uint8Array | null } = { update: null };
      client.on('update', (u: Uint8Array, origin: unknown) => {
        if (origin !== 'server') last.update = u;
      });
      // the server keeps nothing of an update it refuses whole: replaying a set of distinct ones is sending fresh ones
      const wholeRefusals =
        expected === 'refused'
          ? caseIds.flatMap((id) =>
              Array.from({ length: WHOLE_PER_CASE }, (_, k) => {
                const d = new Y.Doc(); // a fresh client each time, as the transport would close and resync a client it refused
                Y.applyUpdate(d, base);
                const sv = Y.encodeStateVector(d);
                (casesOf(d).get(id) as unknown as Y.Map<unknown>).set(
                  field,
                  field === 'findings' ? new Y.Map() : `冒名企业${k}`,
                );
                const u = Y.encodeStateAsUpdate(d, sv);
                d.destroy();
                return u;
              }),
            )
          : [];
      const outcomes: Record<string, number> = {};
      const samples: number[] = [];
      const origin = {};
      try {
        for (let i = 0; i < updates; i++) {
          const caseId = caseIds[i % caseIds.length] ?? '';
          let update: Uint8Array;
          if (expected === 'refused') {
            update = wholeRefusals[i % wholeRefusals.length] as Uint8Array;
          } else {
            if (field === '*')
              client.transact(() => casesOf(client).forEach((m) => fields.forEach((f) => m.set(f, `冒名${i}`))));
            else
              casesOf(client)
                .get(caseId)
                ?.set(field, field === 'status' ? 'closed' : `冒名企业${i}`);
            if (last.update === null) throw new Error('no client update');
            update = last.update;
            last.update = null;
          }
          const t0 = process.hrtime.bigint();
          const r = ledger.applyClientUpdate(room, actor, origin, update);
          samples.push(Number(process.hrtime.bigint() - t0) / 1000);
          const key = `${r.outcome}${r.rejections.length > 0 ? ' with rejections' : ''}`;
          outcomes[key] = (outcomes[key] ?? 0) + 1;
          if (r.outcome !== expected || r.rejections.length === 0)
            throw new Error(`${kind}: update ${i} was not refused (${key})`);
          for (const u of back.splice(0)) Y.applyUpdate(client, u, 'server');
          if ((i + 1) % Math.ceil(DRAIN_EVERY / keysPerUpdate) === 0) await ledger.whenDurable(); // lets the store and compaction keep up
        }
      } finally {
        doc.off('update', onUpdate);
        client.destroy();
      }
      const seconds = (performance.now() - start) / 1000;
      const tenth = Math.max(1, Math.floor(updates / 10));
      const after = await settle(room);
      log(`growth: ${updates} × ${kind} done`);
      return {
        kind,
        room,
        updates,
        keysPerUpdate,
        outcomes,
        time: summarize(samples),
        seconds,
        drift: [summarize(samples.slice(0, tenth)).mean, summarize(samples.slice(-tenth)).mean],
        roomBytes: [before.room, after.room],
        fileBytes: [before.file, after.file],
        liveBytes: [before.live, after.live],
        auditRows: after.rows - before.rows,
        auditCount: after.count - before.count,
      } satisfies GrowthFigures;
    };

    log(
      `growth: ${CASES} cases in state handling; ${updates} refusals of each kind, ${wideUpdates} updates refusing every server-owned field of every case…`,
    );
    return [
      await series('viewer-company', 'ledger', VIEWER, 'company', 'refused', updates),
      await series('unit-status', `unit:${a.unitId}`, a, 'status', 'applied', updates),
      await series('nested-map', `unit:${b.unitId}`, b, 'findings', 'refused', updates),
      await series('office-server-fields', 'ledger', OFFICE, '*', 'applied', wideUpdates),
    ];
  } finally {
    ledger.close();
    await store.close();
  }
}
