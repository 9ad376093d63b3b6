// Child of case-states-crash.test.ts: a ledger on SQLite registering and assigning cases, "ok <id>" once each is durable, until killed.
// Usage: node --import tsx case-states-crash-child.ts <file>
import type { Actor } from '../../../shared/case';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';

const office: Actor = { userId: 'admin', name: '营商办', role: 'office', unitId: null };
const REGISTRATION = {
  receivedAt: '2026-09-28',
  channel: '热线电话',
  company: '某公司',
  address: '',
  contactName: '刘经理',
  contactPhone: '13812345678',
  target: '',
  summary: '诉求',
  category: '14.政策建议、合理需求事项',
};

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
