// The SQLite writer's batches: one transaction per group-commit batch, as one script (STORE40) or bound statements.
import type { Connection } from './sqlite-db';
import { batchScript } from './sqlite-script';
import type { WriteStatements } from './sqlite-write-sql';
import { WRITE_SQL } from './sqlite-write-sql';
import { PROBE_KEY } from './store';
import { BatchRun, isStatementError } from './sqlite-bound-batch';
import type { WriteOp } from './write-op';

/** Runs `body` in one write transaction: COMMIT on success; on any failure ROLLBACK and rethrow. */
async function inTransaction<T>(db: Connection, w: WriteStatements, body: () => Promise<T>): Promise<T> {
  await w.begin.run([]);
  try {
    const value = await body();
    await w.commit.run([]);
    return value;
  } catch (e) {
    await db.run('ROLLBACK').catch(() => undefined); // SQLite may already have rolled back (e.g. a failed COMMIT)
    throw e;
  }
}

/**
 * Runs one group-commit batch in one transaction. Returns null per write that took effect, or the error of a write
 * that failed alone (undone alone). Throws when the batch as a whole failed: nothing of it took effect.
 */
export function runBatch(db: Connection, w: WriteStatements, ops: readonly WriteOp[]): Promise<(Error | null)[]> {
  const script = batchScript(ops, WRITE_SQL);
  return script === null ? runBound(db, w, ops) : runScript(db, w, ops, script);
}

/**
 * STORE40: a batch of units in one trip to sqlite3's thread. Any error inside a unit fails the whole batch anyway
 * (STORE5), so the script is rolled back whole; a statement's error is then found again by the bound writer, which
 * names the write at fault (and fails the batch the same way), while any other error fails the batch as it is.
 */
async function runScript(
  db: Connection,
  w: WriteStatements,
  ops: readonly WriteOp[],
  script: string,
): Promise<(Error | null)[]> {
  try {
    await db.exec(script);
    return ops.map(() => null);
  } catch (e) {
    await db.run('ROLLBACK').catch(() => undefined); // nothing to undo when BEGIN or COMMIT itself failed
    if (!isStatementError(e)) throw e;
    return runBound(db, w, ops);
  }
}

function runBound(db: Connection, w: WriteStatements, ops: readonly WriteOp[]): Promise<(Error | null)[]> {
  return inTransaction(db, w, async () => {
    const run = new BatchRun(db, w, ops.length);
    for (let i = 0; i < ops.length; i++) await run.add(i, ops[i] as WriteOp);
    await run.finish();
    return run.results;
  });
}

/** STORE6: the probe's small durable write (meta 'probe' = `at`) in its own transaction. */
export function writeProbe(db: Connection, w: WriteStatements, at: string): Promise<void> {
  return inTransaction(db, w, async () => {
    await w.meta.run([PROBE_KEY, at]);
  });
}
