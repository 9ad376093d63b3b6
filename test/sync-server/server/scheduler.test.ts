// SCHED1, SCHED2: warnings follow the clock without anyone acting, in slices; the ledger room shows them.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/case';
import { readCase } from '../../../shared/ydoc-layout';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { startScheduler } from '../../../sync-server/scheduler';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import { sweepWarnings } from '../../../sync-server/warning-sweep';

const office: Actor = { userId: 'admin', name: '营商办', role: 'office', unitId: null };

describe('scheduler', () => {
  it('SCHED1: a general case assigned 2026-09-30 turns dueSoon on 2026-10-12 and overdue after 2026-10-13', async () => {
    let now = Date.parse('2026-09-30T10:00:00+08:00');
    let n = 0;
    const ledger = await Ledger.open({
      store: createMemoryStore(),

      clock: () => now,
      newId: (p) => `${p}-${++n}`,
    });
    const unit = await ledger.createUnit('市税务局', null);
    const r = await ledger.register(office, {
      receivedAt: '2026-09-29',
      channel: '热线电话',
      company: '某公司',
      contactName: '刘经理',
      contactPhone: '13812345678',
      summary: '诉求',
      category: '14.政策建议、合理需求事项',
    });
    if (!r.ok) throw new Error(r.error.message);
    await ledger.run(office, r.value.id, 'assign', { leadUnit: unit.id, kind: 'general' });
    const scheduler = startScheduler(ledger, 60_000);
    const warning = () => readCase(ledger.doc('ledger'), r.value.id)?.fields.warning;
    expect(warning()).toBe('normal');
    now = Date.parse('2026-10-12T09:00:00+08:00');
    expect(scheduler.tick()).toBe(1);
    expect(warning()).toBe('dueSoon');
    now = Date.parse('2026-10-14T00:00:01+08:00');
    scheduler.tick();
    expect(warning()).toBe('overdue');
    expect(readCase(ledger.doc(`unit:${unit.id}`), r.value.id)?.fields.warning).toBe('overdue');
    expect(scheduler.tick()).toBe(0);
    scheduler.stop();
    ledger.close();
  });

  it('SCHED2: a pass over 250 overdue cases commits them 100 at a time; an edit between slices is kept', async () => {
    let now = Date.parse('2026-09-30T10:00:00+08:00');
    let n = 0;
    const store = createMemoryStore();
    const ledger = await Ledger.open({ store, clock: () => now, newId: (p) => `${p}-${++n}` });
    const unit = await ledger.createUnit('市税务局', null);
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) {
      const r = await ledger.register(office, {
        receivedAt: '2026-09-29',
        channel: '热线电话',
        company: `企业${i}`,
        contactName: '刘经理',
        contactPhone: '13812345678',
        summary: '诉求',
        category: '14.政策建议、合理需求事项',
      });
      if (!r.ok) throw new Error(r.error.message);
      await ledger.run(office, r.value.id, 'assign', { leadUnit: unit.id, kind: 'general' });
      ids.push(r.value.id);
    }
    await ledger.whenDurable();
    now = Date.parse('2026-10-14T00:00:01+08:00');
    const pass = sweepWarnings(ledger); // the first slice runs now, the others on later turns
    const overdue = () => ids.filter((id) => ledger.projection.case(id)?.fields.warning === 'overdue').length;
    expect(overdue()).toBe(100);
    const lead: Actor = { userId: 'u1', name: '联络员', role: 'unit', unitId: unit.id };
    expect((await ledger.run(lead, ids[249] as string, 'accept', {})).ok).toBe(true); // between slices
    expect(await pass).toBe(249); // the command recomputed its own case's warning (SCHED1)
    await ledger.whenDurable();
    expect(overdue()).toBe(250);
    expect(ledger.projection.case(ids[249] as string)?.fields.status).toBe('handling');
    ledger.close();
  });
});
