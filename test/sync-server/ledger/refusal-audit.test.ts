// SYNC11: refused edits are audited in aggregated rows — count, first and last time — bounded per user.
import type { Rejection } from '../../../shared/contract/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RefusalAudit } from '../../../sync-server/ledger/refusal-audit';
import type { NewAudit } from '../../../sync-server/store/store';
import { actors } from '../../shared/fixtures';

afterEach(() => {
  vi.useRealTimers();
});

function setup(opts = { windowMs: 5000, maxGroupsPerActor: 3, maxGroups: 100 }) {
  let now = Date.parse('2026-11-29T10:00:00+08:00');
  const written: NewAudit[][] = [];
  const audit = new RefusalAudit(
    (rows) => written.push(rows),
    () => now,
    (ms) => new Date(ms).toISOString(),
    opts,
  );
  const tick = (ms: number) => {
    now += ms;
  };
  return { audit, written, tick };
}

const r = (caseId: string | null, field: string | null, code: Rejection['code'] = 'READ_ONLY'): Rejection => ({
  caseId,
  field,
  code,
  message: '只读用户不能修改台账',
});

describe('RefusalAudit', () => {
  it('SYNC11: 1,000 refusals of one field become one row with the count and the first and last time', () => {
    vi.useFakeTimers();
    const { audit, written, tick } = setup();
    for (let i = 0; i < 1000; i++) {
      audit.record(actors.viewer, 'ledger', [r('c-1', 'company')]);
      tick(3);
    }
    expect(written).toEqual([]);
    tick(5000);
    vi.advanceTimersByTime(5000);
    expect(written).toHaveLength(1);
    const [row] = written[0] as NewAudit[];
    expect(row).toMatchObject({
      actorId: 'v1',
      caseId: 'c-1',
      field: 'company',
      code: 'READ_ONLY',
      accepted: false,
      count: 1000,
    });
    expect(Date.parse(row?.lastAt ?? '') - Date.parse(row?.at ?? '')).toBe(999 * 3);
  });

  it('SYNC11: beyond the groups a user may hold open, the rest is summed up in one row; keys are cut to 64 characters', () => {
    const { audit, written } = setup();
    audit.record(
      actors.lead,
      'unit:u',
      ['a', 'b', 'c', 'd', 'e'].map((f) => r('c-1', f.repeat(100), 'UNKNOWN_FIELD')),
    );
    audit.close();
    const rows = written.flat();
    expect(rows).toHaveLength(4);
    expect(rows.filter((x) => x.field !== null).every((x) => (x.field ?? '').length === 64)).toBe(true);
    expect(rows.find((x) => x.field === null)).toMatchObject({ caseId: null, count: 2 });
  });

  it('SYNC11: different users, cases, fields and codes are kept apart; a single refusal has no lastAt', () => {
    const { audit, written } = setup();
    audit.record(actors.viewer, 'ledger', [
      r('c-1', 'company'),
      r('c-2', 'company'),
      r('c-1', 'status', 'FIELD_SERVER_OWNED'),
    ]);
    audit.record(actors.office, 'ledger', [r('c-1', 'company', 'FIELD_SERVER_OWNED')]);
    audit.close();
    const rows = written.flat();
    expect(rows).toHaveLength(4);
    expect(rows.every((x) => x.count === 1 && x.lastAt === null)).toBe(true);
  });
});
