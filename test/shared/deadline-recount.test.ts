// CAL6/CAL7: an open case's 办结时限 counted again with a new calendar; provisional deadlines counted for the banner.
import { describe, expect, it } from 'vitest';
import type { HolidayFile } from '../../shared/calendar';
import { createCalendar } from '../../shared/calendar';
import type { CaseData } from '../../shared/case';
import type { FieldId, FieldValue } from '../../shared/fields';
import { computeDueAt } from '../../shared/deadlines';
import { provisionalDeadlines, recountDeadline } from '../../shared/deadline-recount';
import { parseIsoTime } from '../../shared/time';

const before = createCalendar();
/** A 2027 notice: 元旦 01-01..01-03 off. */
const notice2027: HolidayFile = {
  year: 2027,
  days: ['2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ name: '元旦', date, isOffDay: true })),
};
const after = createCalendar([notice2027]);
const ASSIGNED = '2026-12-20T10:00:00+08:00';

function complexCase(over: Partial<Record<FieldId, FieldValue>> = {}): CaseData {
  const due = computeDueAt(before, 'complex', parseIsoTime(ASSIGNED) ?? 0);
  return {
    id: 'c1',
    fields: {
      status: 'handling',
      kind: 'complex',
      round: 1,
      assignedAt: ASSIGNED,
      dueAt: due.dueAt,
      dueNote: due.provisional,
      extensionGranted: 0,
      ...over,
    },
  };
}

describe('CAL6 deadlines are counted again with the loaded notice', () => {
  it('20 working days from 2026-12-20: provisional 2027-01-15, with 元旦 off it is 2027-01-18 and the note clears', () => {
    const c = complexCase();
    expect(c.fields.dueAt).toBe('2027-01-15T23:59:59+08:00');
    expect(c.fields.dueNote).toContain('2027年节假日安排尚未纳入日历');
    expect(recountDeadline(c, before, after)).toEqual({ dueAt: '2027-01-18T23:59:59+08:00', dueNote: null });
  });

  it('an approved extension is counted too (20 + 3 working days)', () => {
    const due = computeDueAt(before, 'complex', parseIsoTime(ASSIGNED) ?? 0, 3);
    const c = complexCase({ dueAt: due.dueAt, extensionGranted: 3 });
    expect(recountDeadline(c, before, after)?.dueAt).toBe('2027-01-21T23:59:59+08:00');
  });

  it('round 2 counts from the start its old deadline implies', () => {
    // 二次办理 started 2026-12-21 (Monday): 5 working days Mon–Fri end 12-28; 20 end 2027-01-18 provisional
    const start = parseIsoTime('2026-12-21T09:00:00+08:00') ?? 0;
    const due = computeDueAt(before, 'complex', start);
    const c = complexCase({ round: 2, dueAt: due.dueAt, dueNote: due.provisional });
    expect(recountDeadline(c, before, after)).toEqual({
      dueAt: computeDueAt(after, 'complex', start).dueAt,
      dueNote: null,
    });
    expect(computeDueAt(after, 'complex', start).dueAt).not.toBe(due.dueAt);
  });

  it('nothing moves for a deadline inside covered years, a settled case, a consultation, or a deadline set otherwise', () => {
    const october = computeDueAt(before, 'general', parseIsoTime('2026-09-30T10:00:00+08:00') ?? 0);
    const inCovered = complexCase({
      assignedAt: '2026-09-30T10:00:00+08:00',
      kind: 'general',
      dueAt: october.dueAt,
      dueNote: null,
    });
    expect(recountDeadline(inCovered, before, after)).toBeNull();
    expect(recountDeadline(complexCase({ status: 'closed' }), before, after)).toBeNull();
    expect(recountDeadline(complexCase({ kind: 'consult' }), before, after)).toBeNull();
    expect(
      recountDeadline(complexCase({ dueAt: '2027-02-01T23:59:59+08:00', dueNote: null }), before, after),
    ).toBeNull();
  });
});

describe('CAL7 the banner counts open cases with a provisional 办结时限 and names the years', () => {
  it('counts open provisional cases only', () => {
    const open = complexCase();
    const closed = complexCase({ status: 'archived' });
    const firm = complexCase({ dueNote: null, dueAt: '2026-12-31T23:59:59+08:00' });
    expect(provisionalDeadlines([open, { ...open, id: 'c2' }, closed, firm])).toEqual({ cases: 2, years: [2027] });
    expect(provisionalDeadlines([])).toEqual({ cases: 0, years: [] });
  });
});
