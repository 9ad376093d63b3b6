// STAT3, STAT13: the events of a case counted at the unit they happened at, not at the unit leading it now.
import type { CaseData } from '../case';
import { num, parseUnitList, text } from '../case';
import type { FieldId } from '../fields';
import type { Figures } from './figures';
import { returnedBy } from './figures';

/** The figures counted where they happened: 退回, 督办单 issued, replied late, approved 延期. */
export const ATTRIBUTED = ['returned', 'supervisions', 'supervisionsLate', 'extensions'] as const;
export type AttributedFigure = (typeof ATTRIBUTED)[number];

/**
 * One unit per event from the recorded list; events counted before the list was kept (an older case, an imported
 * count) are the count's remainder, at the unit leading the case now.
 */
function perEvent(c: CaseData, list: FieldId, count: FieldId): string[] {
  const units = parseUnitList(c.fields[list]);
  const lead = text(c, 'leadUnit');
  const rest = Math.max(0, (num(c, count) ?? 0) - units.length);
  return lead === null ? units : [...units, ...Array<string>(rest).fill(lead)];
}

/** STAT3, STAT13: for each attributed figure, the unit of each event (a unit once per event; returns once per unit). */
export function attributedUnits(c: CaseData): Record<AttributedFigure, string[]> {
  return {
    returned: returnedBy(c),
    supervisions: perEvent(c, 'supervisedUnits', 'supervisionCount'),
    supervisionsLate: perEvent(c, 'supervisionLateUnits', 'supervisionLateCount'),
    extensions: perEvent(c, 'extensionUnits', 'extensionCount'),
  };
}

/**
 * What a case adds at its lead unit: the attributed figures left out (they are added per event, STAT13), and the
 * office's own late decisions (STAT14: 合计 only).
 */
export function leadShare(f: Figures): Figures {
  return { ...f, returned: 0, supervisions: 0, supervisionsLate: 0, extensions: 0, decisionsOverdue: 0 };
}
