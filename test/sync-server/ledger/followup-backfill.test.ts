// WF35: cases waiting for a 说明 or its decision get 说明决定期限 when imported and, lacking it, at start.
import { describe, expect, it } from 'vitest';
import { ANNEX4_HEADERS } from '../../../shared/annex4';
import type { Actor } from '../../../shared/case';
import { CATEGORIES } from '../../../shared/vocabulary';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import { bench } from '../http/harness';

const office: Actor = { userId: 'admin', name: '营商办', role: 'office', unitId: null };

describe('WF35 说明决定期限 on imported and older waiting cases', () => {
  it('a case imported as 不满意 waits 5 working days from the day of the import', async () => {
    const b = await bench('2026-10-12T10:00:00+08:00'); // a Monday
    const row = [
      '1',
      '〔2025〕1号',
      '枣阳市某公司',
      '王立新 13972560001',
      '诉求内容',
      '市市场监管局',
      '李科长 0710-6221345',
    ];
    const cells = [[...ANNEX4_HEADERS], [...row, '已解释', '', '', '2025-11-10电话回访，不满意', '否']];
    const r = await b.as('office').post('/api/import/ledger', { fileName: '台账.xlsx', sheet: '台账', cells });
    expect(r.status).toBe(201);
    const list = (await b.as('office').get('/api/cases')).body.cases as Record<string, unknown>[];
    expect(list[0]).toMatchObject({ status: 'unsatisfied', followupDueAt: '2026-10-19T23:59:59+08:00' });
  });

  it('at start a waiting case without one gets it from its last change of state, audited', async () => {
    const store = createMemoryStore({ log: () => undefined });
    let now = Date.parse('2026-10-12T10:00:00+08:00');
    let n = 0;
    const open = () => Ledger.open({ store, clock: () => now, newId: (p) => `${p}-${++n}`, log: () => undefined });
    const first = await open();
    const unit = await first.createUnit('市市场监管局', null);
    const lead: Actor = { userId: 'u1', name: '李四', role: 'unit', unitId: unit.id };
    const reg = await first.register(office, {
      receivedAt: '2026-10-12',
      channel: '热线电话',
      company: '某公司',
      contactName: '刘',
      contactPhone: '13812345678',
      summary: '测试诉求内容',
      category: CATEGORIES[0],
    });
    if (!reg.ok) throw reg.error;
    const id = reg.value.id;
    const steps: [Actor, string, unknown][] = [
      [office, 'assign', { leadUnit: unit.id, kind: 'general' }],
      [lead, 'accept', { handler: '李四', handlerPhone: '13900001111' }],
      [
        lead,
        'feedback',
        {
          findings: '核查',
          measures: '办理',
          feedbackAt: '2026-10-12',
          feedbackMethod: '电话',
          companyVerdict: '不满意',
          dissatisfaction: '未解决',
          nextPlan: '继续协调',
          writtenReply: '否',
        },
      ],
      [lead, 'visit', { result: '不满意', method: '电话回访', visitedOn: '2026-10-12' }],
    ];
    for (const [who, command, input] of steps) {
      const r = await first.run(who, id, command as never, input);
      if (!r.ok) throw r.error;
    }
    // a case recorded before WF33: no 说明决定期限
    await first.transaction((u) => first.projection.commit(id, { followupDueAt: null }, u)).done;
    first.close();
    now = Date.parse('2026-10-20T10:00:00+08:00');
    const second = await open();
    // waiting since Monday 2026-10-12: due at the end of 2026-10-19, already past
    expect(second.projection.case(id)?.fields.followupDueAt).toBe('2026-10-19T23:59:59+08:00');
    const audit = await store.audit({ afterId: 0, limit: 1000 });
    expect(audit.some((a) => a.command === 'followup-clock' && a.caseId === id && a.field === 'followupDueAt')).toBe(
      true,
    );
    second.close();
  });
});
