// CAL8/WF34: deadlines set while a notice's write is pending are recounted once it is in force; 说明决定期限 too.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/case';
import { CATEGORIES } from '../../../shared/vocabulary';
import { loadHolidayYear } from '../../../sync-server/ledger/holiday-upload';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import type { Store, StoreWrite } from '../../../sync-server/store/store';
import { NOTICE_2027 } from '../../fixtures/holiday-notices';

const office: Actor = { userId: 'admin', name: '营商办', role: 'office', unitId: null };
const registration = {
  receivedAt: '2026-12-28',
  channel: '热线电话',
  company: '某公司',
  contactName: '刘',
  contactPhone: '13812345678',
  summary: '测试诉求内容',
  category: CATEGORIES[0],
};
const feedback = {
  findings: '核查',
  measures: '办理',
  feedbackAt: '2026-12-28',
  feedbackMethod: '电话',
  companyVerdict: '不满意',
  dissatisfaction: '未解决',
  nextPlan: '继续协调',
  writtenReply: '否',
};

/** A memory store whose batches holding a holiday year wait until the test releases them. */
function gatedStore() {
  const inner = createMemoryStore({ log: () => undefined });
  const held: (() => void)[] = [];
  const store = new Proxy(inner, {
    get(target, key, receiver) {
      if (key !== 'appendAll') return Reflect.get(target, key, receiver) as unknown;
      return (writes: readonly StoreWrite[]) =>
        writes.some((w) => w.kind === 'holidayYear')
          ? new Promise<void>((resolve) => held.push(() => resolve(target.appendAll(writes))))
          : target.appendAll(writes);
    },
  }) as Store;
  return { store, held };
}

async function setUp() {
  const { store, held } = gatedStore();
  let n = 0;
  const ledger = await Ledger.open({
    store,
    clock: () => Date.parse('2026-12-28T10:00:00+08:00'),
    newId: (p) => `${p}-${++n}`,
    log: () => undefined,
  });
  const unit = await ledger.createUnit('市市场监管局', null);
  const lead: Actor = { userId: 'u1', name: '李四', role: 'unit', unitId: unit.id };
  const register = async () => {
    const r = await ledger.register(office, registration);
    if (!r.ok) throw r.error;
    return r.value.id;
  };
  const run = async (who: Actor, id: string, command: string, input: unknown) => {
    const r = await ledger.run(who, id, command as never, input);
    if (!r.ok) throw r.error;
    return r.value.fields;
  };
  return { ledger, held, unit, lead, register, run };
}

describe('CAL8 a deadline set while the notice is being stored is recounted once the notice is in force', () => {
  it('a case assigned during the pending write gets the firm 2027 deadline, audited and listed', async () => {
    const { ledger, held, unit, register, run } = await setUp();
    const id = await register();
    const loading = loadHolidayYear(ledger, office, 2027, NOTICE_2027);
    await Promise.resolve();
    expect(held).toHaveLength(1);
    // assigned with the old calendar: 2027-01-01 counted as a working day, an estimate
    const assigned = await run(office, id, 'assign', { leadUnit: unit.id, kind: 'general' });
    expect(assigned).toMatchObject({ dueAt: '2027-01-04T23:59:59+08:00' });
    expect(assigned.dueNote).toContain('2027');
    held[0]?.();
    const r = await loading;
    expect(r.ok && r.value.changed).toEqual([
      expect.objectContaining({ caseId: id, deadline: 'dueAt', newDueAt: '2027-01-05T23:59:59+08:00', newNote: null }),
    ]);
    await ledger.whenDurable();
    expect(ledger.projection.durableCase(id)?.fields).toMatchObject({
      dueAt: '2027-01-05T23:59:59+08:00',
      dueNote: null,
    });
    ledger.close();
  });
});

describe('WF34 说明决定期限 keeps its estimate note and is recounted by a notice', () => {
  it('a 不满意 回访 on 2026-12-28 waits until an estimated 2027-01-04; the 2027 notice makes it 2027-01-05', async () => {
    const { ledger, held, unit, lead, register, run } = await setUp();
    const id = await register();
    await run(office, id, 'assign', { leadUnit: unit.id, kind: 'general' });
    await run(lead, id, 'accept', { handler: '李四', handlerPhone: '13900001111' });
    await run(lead, id, 'feedback', feedback);
    const visited = await run(lead, id, 'visit', { result: '不满意', method: '电话回访', visitedOn: '2026-12-28' });
    expect(visited).toMatchObject({ status: 'unsatisfied', followupDueAt: '2027-01-04T23:59:59+08:00' });
    expect(visited.followupDueNote).toContain('2027年节假日安排尚未纳入日历');
    const loading = loadHolidayYear(ledger, office, 2027, NOTICE_2027);
    await Promise.resolve();
    held[0]?.();
    const r = await loading;
    expect(r.ok && r.value.changed).toContainEqual(
      expect.objectContaining({ caseId: id, deadline: 'followupDueAt', newDueAt: '2027-01-05T23:59:59+08:00' }),
    );
    expect(ledger.projection.case(id)?.fields).toMatchObject({
      followupDueAt: '2027-01-05T23:59:59+08:00',
      followupDueNote: null,
    });
    ledger.close();
  });
});
