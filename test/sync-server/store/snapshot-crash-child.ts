// Child process of sqlite-snapshot.test.ts: stores old parts, then compacts the room with a large snapshot and stops
// (hangs, to be SIGKILLed) at the step named: `piece` (after two pieces), `commit` (pieces joined, before COMMIT), `none`.
// Usage: node --import tsx snapshot-crash-child.ts <file> <piece|commit|none>
import sqlite3 from 'sqlite3';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import { SNAPSHOT_PIECE_BYTES } from '../../../sync-server/store/sqlite-snapshot';
import { bigSnapshot } from './snapshot-bytes';

const [file = '', stopAt = 'none'] = process.argv.slice(2);
const store = await openSqliteStore(file);
for (let i = 0; i < 5; i++) await store.appendUpdate('ledger', new Uint8Array([i, 0, 255]));
await store.appendUpdate('unit:u1', new Uint8Array([9]));

let joined = false;
const run = sqlite3.Statement.prototype.run;
sqlite3.Statement.prototype.run = function (this: sqlite3.Statement & { sql: string }, ...args: unknown[]) {
  const params = args[0] as unknown[];
  if (this.sql.includes('snapshot_joined')) joined = true;
  const stop =
    (stopAt === 'piece' && this.sql.includes('snapshot_pieces (seq') && params[0] === 2) ||
    (stopAt === 'commit' && joined && this.sql === 'COMMIT');
  if (stop) {
    process.stdout.write('stopped\n');
    return this; // never runs: the transaction stays open until the kill
  }
  return (run as (...a: unknown[]) => sqlite3.Statement).apply(this, args);
} as typeof run;

process.stdout.write('ready\n');
await store.compactRoom('ledger', bigSnapshot(4 * SNAPSHOT_PIECE_BYTES + 7, 5), [new Uint8Array([42])]);
process.stdout.write('compacted\n');
setInterval(() => undefined, 1000); // waits for the kill
