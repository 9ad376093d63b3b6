// Child process of crash.test.ts: appends Yjs updates to a SQLite store, prints "ok <n>" after each durable append, until killed.
// Usage: node --import tsx crash-child.ts <file> <total> <writers> <compactEvery>
import * as Y from 'yjs';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';

const [file = '', totalArg = '1000', writersArg = '1', compactArg = '0'] = process.argv.slice(2);
const total = Number(totalArg);
const writers = Number(writersArg);
const compactEvery = Number(compactArg);
const tag = `${process.pid}`;

const store = await openSqliteStore(file);
const doc = new Y.Doc();
// Like the server: start from what is stored, or the next compaction would replace it with a partial snapshot.
for (const u of await store.loadRoom('ledger')) Y.applyUpdate(doc, u);
const acked = doc.getMap<number>('acked');
let last: Uint8Array = new Uint8Array();
doc.on('update', (u: Uint8Array) => {
  last = u;
});

let next = 0;
let sinceCompaction = 0;

/** Like a sync-server connection: change the doc, store the update, acknowledge only once it is durable. */
async function writer(): Promise<void> {
  while (next < total) {
    const n = next++;
    acked.set(`${tag}:${n}`, n);
    await store.appendUpdate('ledger', last);
    process.stdout.write(`ok ${n}\n`);
    if (compactEvery > 0 && ++sinceCompaction >= compactEvery) {
      sinceCompaction = 0;
      await store.compactRoom('ledger', Y.encodeStateAsUpdate(doc));
    }
  }
}

process.stdout.write(`pid ${tag}\n`);
await Promise.all(Array.from({ length: writers }, () => writer()));
await store.close();
process.stdout.write('done\n');
