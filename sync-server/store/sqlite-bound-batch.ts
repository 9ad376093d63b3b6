// The bound writer of a batch: rows in queue order per table, multi-row INSERTs; a statement's error undoes its write alone.
import type { Connection, Params, Prepared } from './sqlite-db';
import { sqliteCode } from './sqlite-db';
import type { WriteStatements } from './sqlite-write-sql';
import {
  AUDIT_COLUMNS,
  AUDIT_TUPLE,
  auditParams,
  blob,
  holidayYearParams,
  supervisionParams,
  unitParams,
  userParams,
} from './sqlite-rows';
import { insertSnapshot } from './sqlite-snapshot';
import { CASE_STATES_SQL } from './case-states';
import type { WriteOp } from './write-op';
import { opRefused, unitFailed } from './write-op';

/** Errors after which SQLite has undone just the failing statement and the transaction goes on. */
const STATEMENT_ERRORS = new Set(['SQLITE_CONSTRAINT', 'SQLITE_MISMATCH', 'SQLITE_TOOBIG', 'SQLITE_RANGE']);
/** Parameters per multi-row INSERT, well under SQLite's limit of 32,766. */
const MAX_SQL_PARAMS = 8_000;
const UPDATE_ROWS_PER_INSERT = MAX_SQL_PARAMS / 2;
const AUDIT_ROWS_PER_INSERT = Math.floor(MAX_SQL_PARAMS / AUDIT_COLUMNS.split(',').length);

type ItemOp = Exclude<WriteOp, { kind: 'all' }>;
/** One write of the batch: `index` is its place in the batch (a unit's writes share theirs); `inUnit` fails the batch on error. */
interface Item {
  index: number;
  op: ItemOp;
  inUnit: boolean;
}

/** Multi-row INSERTs up to this many rows are prepared once per connection and size, and kept until it closes. */
const MAX_PREPARED_ROWS = 32;
const preparedInserts = new WeakMap<Connection, Map<string, Promise<Prepared>>>();

export const isStatementError = (e: unknown): boolean => STATEMENT_ERRORS.has(sqliteCode(e) ?? '');
const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/**
 * One batch inside an open transaction. Order matters only within a table (ids, upserts of one key, a compaction
 * replacing its room's earlier rows; users need their unit first), so room updates and audit rows wait in lists that
 * become multi-row INSERTs (one round trip to sqlite3's thread instead of one per row), flushed before anything that
 * must follow them in their table; every other write runs at once, in queue order.
 */
export class BatchRun {
  readonly results: (Error | null)[];
  private updates: Item[] = [];
  private audits: Item[] = [];
  private caseStates: Item[] = [];

  constructor(
    private readonly db: Connection,
    private readonly w: WriteStatements,
    size: number,
  ) {
    this.results = new Array<Error | null>(size).fill(null);
  }

  async add(index: number, op: WriteOp): Promise<void> {
    if (op.kind === 'all') {
      for (const member of op.writes) await this.addItem({ index, op: member, inUnit: true });
    } else {
      await this.addItem({ index, op, inUnit: false });
    }
  }

  async finish(): Promise<void> {
    if (![...this.updates, ...this.audits].every((item) => item.inUnit)) {
      await this.flushUpdates();
      await this.flushAudits();
      await this.flushCaseStates();
      return;
    }
    // only units' rows: any error fails the whole batch (no savepoints), so the tables are written side by side,
    // one trip to sqlite3's thread instead of one per table; all settle before the batch goes on (or is rolled back)
    const settled = await Promise.allSettled([this.flushUpdates(), this.flushAudits(), this.flushCaseStates()]);
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
  }

  private async addItem(item: Item): Promise<void> {
    const { op } = item;
    if (op.kind === 'update') {
      this.updates.push(item);
    } else if (op.kind === 'caseState') {
      this.caseStates.push(item); // STORE32: always in a unit; nothing else writes that table
    } else if (op.kind === 'audit') {
      if (op.rows.length > AUDIT_ROWS_PER_INSERT) {
        await this.flushAudits();
        await this.one(item);
      } else if (op.rows.length > 0) {
        this.audits.push(item);
      }
    } else {
      if (op.kind === 'compact') await this.flushUpdates();
      await this.one(item);
    }
  }

  private async flushUpdates(): Promise<void> {
    const items = this.updates.splice(0);
    await this.insertMany(
      items,
      UPDATE_ROWS_PER_INSERT,
      'INSERT INTO room_updates (room, snapshot, data) VALUES ',
      '(?, 0, ?)',
      (op) => (op.kind === 'update' ? [[op.room, blob(op.data)]] : []),
    );
  }

  private async flushAudits(): Promise<void> {
    const items = this.audits.splice(0);
    await this.insertMany(
      items,
      AUDIT_ROWS_PER_INSERT,
      `INSERT INTO audit (${AUDIT_COLUMNS}) VALUES `,
      AUDIT_TUPLE,
      (op) => (op.kind === 'audit' ? op.rows.map(auditParams) : []),
    );
  }

  /** STORE32: the batch's case states, in queue order (a later state of a case replaces an earlier one). */
  private async flushCaseStates(): Promise<void> {
    const items = this.caseStates.splice(0);
    await this.insertMany(items, MAX_SQL_PARAMS / 2, CASE_STATES_SQL.insertHead, CASE_STATES_SQL.tuple, (op) =>
      op.kind === 'caseState' ? [[op.row.id, op.row.json]] : [],
    );
  }

  /** Inserts the rows of `items` in statements of whole items; a statement that fails is retried item by item. */
  private async insertMany(
    items: readonly Item[],
    perStatement: number,
    head: string,
    tuple: string,
    rowsOf: (op: ItemOp) => Params[],
  ): Promise<void> {
    let k = 0;
    while (k < items.length) {
      const chunk: Item[] = [];
      const rows: Params[] = [];
      for (let next = items[k]; next !== undefined; next = items[k]) {
        const more = rowsOf(next.op);
        if (chunk.length > 0 && rows.length + more.length > perStatement) break;
        chunk.push(next);
        rows.push(...more);
        k++;
      }
      if (rows.length > 1) {
        try {
          await this.insertRows(head + rows.map(() => tuple).join(', '), rows);
          continue;
        } catch (e) {
          if (!isStatementError(e)) throw e;
          // a statement error undoes only that statement: find the write at fault one by one
        }
      }
      for (const item of chunk) await this.one(item);
    }
  }

  /** A multi-row INSERT: prepared once per row count up to MAX_PREPARED_ROWS (the sizes of everyday batches). */
  private async insertRows(sql: string, rows: readonly Params[]): Promise<void> {
    if (rows.length > MAX_PREPARED_ROWS) {
      await this.db.run(sql, rows.flat());
      return;
    }
    let cache = preparedInserts.get(this.db);
    if (cache === undefined) preparedInserts.set(this.db, (cache = new Map()));
    let stmt = cache.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql);
      stmt.catch(() => cache.delete(sql)); // not kept when it could not be prepared
      cache.set(sql, stmt);
    }
    await (await stmt).run(rows.flat());
  }

  /** Runs one write. Alone, a statement error undoes just that write (savepoint when it has several statements). */
  private async one(item: Item): Promise<void> {
    const { op, inUnit } = item;
    const multi = !inUnit && (op.kind === 'compact' || (op.kind === 'audit' && op.rows.length > 1));
    if (multi) await this.db.run('SAVEPOINT op');
    try {
      await this.apply(op);
      if (multi) await this.db.run('RELEASE op');
    } catch (e) {
      if (inUnit) throw unitFailed(op, e); // STORE5: the whole batch fails (and the store halts)
      if (!isStatementError(e)) throw e; // SQLITE_FULL, SQLITE_IOERR…: the batch fails (STORE6)
      if (multi) {
        await this.db.run('ROLLBACK TO op'); // throws (failing the batch) if the transaction itself is gone
        await this.db.run('RELEASE op');
      }
      this.results[item.index] = opRefused(op, asError(e).message, e);
    }
  }

  private async apply(op: ItemOp): Promise<void> {
    const w = this.w;
    switch (op.kind) {
      case 'update':
        await w.insertUpdate.run([op.room, blob(op.data)]);
        return;
      case 'compact':
        await w.deleteRoom.run([op.room]);
        await insertSnapshot(w, op.room, op.data); // STORE42: a large one in pieces
        for (const u of op.later) await w.insertUpdate.run([op.room, blob(u)]);
        return;
      case 'audit':
        for (const row of op.rows) await w.insertAudit.run(auditParams(row));
        return;
      case 'counter':
        await w.counter.run([op.name, op.value]);
        return;
      case 'unit':
        await w.unit.run(unitParams(op.row));
        return;
      case 'user':
        await w.user.run(userParams(op.row));
        return;
      case 'supervision':
        await w.supervision.run(supervisionParams(op.row));
        return;
      case 'holidayYear':
        await w.holidayYear.run(holidayYearParams(op.row));
        return;
      case 'meta':
        await w.meta.run([op.key, op.value]);
        return;
      case 'caseState':
        await this.db.run(`${CASE_STATES_SQL.insertHead}${CASE_STATES_SQL.tuple}`, [op.row.id, op.row.json]);
        return;
    }
  }
}
