// Child of case-states-crash.test.ts: a ledger on SQLite registering and assigning cases, "ok <id>" once each is durable, until killed.
// Usage: node --import tsx case-states-crash-child.ts <file>
import { Ledger } from '../../../sync-server/ledger/ledger';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import { REGISTRATION, office } from './ledger-fixtures';

const store = await openSqliteStore(process.argv[2] ?? '');
let n = 0;
const ledger = await Ledger.open({ store, clock: Date.now, newId: (p) => `${p}-${process.pid}-${++n}` });
const unitId = ledger.unitList()[0]?.id ?? (await ledger.createUnit('市税务局', null)).id;
process.stdout.write(
  `ready ${ledger.docs.loadedRooms().includes('ledger') ? 'ledger-decoded' : 'ledger-not-decoded'}\n`,
);

/** Like an office user: register, assign, and count the case as acknowledged once the assignment is durable. */
async function writer(): Promise<void> {
  for (;;) {
    const r = await ledger.register(office, REGISTRATION);
    if (!r.ok) throw new Error(r.error.message);
    const a = await ledger.run(office, r.value.id, 'assign', { leadUnit: unitId, kind: 'general' });
    if (!a.ok) throw new Error(a.error.message);
    process.stdout.write(`ok ${r.value.id}\n`);
  }
}

await Promise.all([writer(), writer(), writer(), writer()]);
