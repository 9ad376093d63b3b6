// What the pane shows of a case: a heading and the labelled values of its non-empty fields (pure; units shown by name).
import type { CaseData } from '../../shared/case';
import { coUnitsOf, text } from '../../shared/case';
import type { FieldId } from '../../shared/fields';
import { fieldDef } from '../../shared/fields';
import { displayValue } from '../binding/columns';

export type UnitName = (id: string) => string | null;

/** The fields shown in the details, in reading order (the workflow's story of the case). */
const DETAIL_FIELDS: readonly FieldId[] = [
  'code',
  'status',
  'warning',
  'company',
  'address',
  'contactName',
  'contactPhone',
  'target',
  'summary',
  'category',
  'channel',
  'receivedAt',
  'kind',
  'leadUnit',
  'coUnits',
  'assignNote',
  'assignedAt',
  'dueAt',
  'dueNote',
  'handler',
  'handlerPhone',
  'findings',
  'measures',
  'feedbackAt',
  'feedbackMethod',
  'writtenReply',
  'companyVerdict',
  'dissatisfaction',
  'nextPlan',
  'coOpinions',
  'extension',
  'supervision',
  'discipline',
  'visit',
  'explanation',
  'explanationDecision',
  'transferGround',
  'spotCheck',
  'round',
  'rejectReason',
  'returnReason',
  'archived',
];

export interface DetailRow {
  field: FieldId;
  label: string;
  value: string;
}

/** `〔2026〕15号 · 某某公司` (or the case id while it has no code). */
export function caseHeading(c: CaseData): string {
  return [text(c, 'code') ?? c.id, text(c, 'company')].filter((x) => x !== null).join(' · ');
}

function shown(c: CaseData, id: FieldId, unitName: UnitName): string | null {
  if (id === 'leadUnit') {
    const lead = text(c, 'leadUnit');
    return lead === null ? null : (unitName(lead) ?? lead);
  }
  if (id === 'coUnits') {
    const names = coUnitsOf(c).map((u) => unitName(u) ?? u);
    return names.length === 0 ? null : names.join('、');
  }
  const v = displayValue(id, c.fields[id]);
  return v === null ? null : String(v);
}

/** Labelled values of the case's non-empty fields. Values are plain strings: the caller renders them as text. */
export function caseDetails(c: CaseData, unitName: UnitName): DetailRow[] {
  const rows: DetailRow[] = [];
  for (const id of DETAIL_FIELDS) {
    const value = shown(c, id, unitName);
    if (value !== null && value !== '') rows.push({ field: id, label: fieldDef(id).header, value });
  }
  return rows;
}
