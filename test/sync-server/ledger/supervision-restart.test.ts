// WF27 across a real restart with the SQLite file: an answered or replaced 督办单 never comes back as open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/case';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';

const office: Actor = { userId: 'admin', name: '营商办', role: 'office', unitId: null };
const REGISTRATION = {
  receivedAt: '2026-09-28',
  channel: '热线电话',
  company: '某公司',
  contactName: '刘经理',
  contactPhone: '13812345678',
  summary: '诉求',
  category: '14.政策建议、合理需求事项',
};
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

let now = Date.parse('2026-10-09T10:00:00+08:00');
let n = 0;
async function open(file: string) {
  const store = await openSqliteStore(file);
  const ledger = await Ledger.open({
    store,
    clock: () => now,
    newId: (p) => `${p}-${++n}`,
  });
  return { store, ledger };
}

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('WF27: 督办单 in the store across a restart', () => {
  it('WF27: only the case’s latest unanswered 督办单 is open after a restart; none once it is answered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-supervision-'));
    dirs.push(dir);
    const file = join(dir, 'ledger.sqlite');
    now = Date.parse('2026-10-09T10:00:00+08:00');

    const first = await open(file);
    const unit = await first.ledger.createUnit('市税务局', null);
    const lead: Actor = { userId: 'l1', name: '李四', role: 'unit', unitId: unit.id };
    const id = (await ok(first.ledger.register(office, REGISTRATION))).id;
    await ok(first.ledger.run(office, id, 'assign', { leadUnit: unit.id, kind: 'general' }));
    await ok(first.ledger.run(office, id, 'supervise', { note: '请加快' }));
    // a row an older server left unanswered when a second 督办单 replaced it
    await first.store.putSupervision({
      code: '〔2026〕督9号',
      caseId: id,
      unitId: unit.id,
      issuedAt: '2026-10-01T10:00:00+08:00',
      replyDueAt: '2026-10-06T23:59:59+08:00',
      note: '旧督办',
      repliedAt: null,
      reply: null,
    });
    await first.ledger.whenDurable();
    await first.store.close();
    first.ledger.close();

    now = Date.parse('2026-10-20T10:00:00+08:00');
    const second = await open(file);
    expect(second.ledger.overdueSupervisions().map((s) => s.code)).toEqual(['〔2026〕督1号']);
    await ok(second.ledger.run(lead, id, 'supervise-reply', { note: '已办理' }));
    expect(second.ledger.overdueSupervisions()).toEqual([]);
    await second.ledger.whenDurable();
    await second.store.close();
    second.ledger.close();

    const third = await open(file);
    expect(third.ledger.overdueSupervisions()).toEqual([]);
    const rows = await third.store.supervisions(id);
    expect(rows.find((r) => r.code === '〔2026〕督1号')).toMatchObject({ reply: '已办理' });
    expect(rows.find((r) => r.code === '〔2026〕督1号')?.repliedAt).not.toBeNull();
    await third.store.close();
    third.ledger.close();
  });
});
