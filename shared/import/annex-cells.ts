// IMP2, IMP3: the 附件4 columns of one row (企业, 联系人, 诉求, 办理单位, 办理/督办/移送/回访情况, 归档) → field values.
import { splitContact } from './contact';
import { readHandling } from './handling';
import type { Handling } from './handling';
import { isPlaceholder } from './plain';
import type { RowProblems } from './problems';
import type { DraftFields, RowCells } from './row-cells';
import type { Archived } from './status';
import { readArchived } from './status';
import { countSupervisions } from './supervision';
import type { Visit } from './visit';
import { readVisit } from './visit';

/** What the status rules (IMP3) need from the 附件4 columns. */
export interface AnnexFacts {
  readonly handling: Handling;
  readonly transferred: boolean;
  readonly visit: Visit | null;
  readonly archived: Archived;
}

/** IMP2: 诉求企业 and 主要诉求 are what a case is; a row without them is an error. */
function readIdentity(cells: RowCells, fields: DraftFields, problems: RowProblems): void {
  for (const [role, id, name] of [
    ['company', 'company', '诉求企业'],
    ['summary', 'summary', '主要诉求'],
  ] as const) {
    const column = cells.column(role);
    const text = cells.text(role);
    if (text.trim() === '') problems.error(column, 'REQUIRED', `“${name}”为必填项`);
    else fields.set(id, text, column);
  }
}

/** IMP2: the company's and the unit's 联系人及联系方式 → name + phone; a name without a phone is a warning. */
function readContacts(cells: RowCells, fields: DraftFields, problems: RowProblems): void {
  for (const [role, nameId, phoneId] of [
    ['contact', 'contactName', 'contactPhone'],
    ['handlerContact', 'handler', 'handlerPhone'],
  ] as const) {
    const column = cells.column(role);
    if (column === null) continue;
    const { name, phone } = splitContact(cells.text(role));
    fields.set(nameId, name, column);
    fields.set(phoneId, phone, column);
    if (name !== null && phone === null) problems.warning(column, 'REQUIRED', `只有联系人“${name}”，没有联系电话`);
    if (role === 'handlerContact') continue;
    if (name === null && phone !== null) problems.warning(column, 'REQUIRED', '只有联系电话，没有联系人姓名');
    if (name === null && phone === null) problems.warning(column, 'REQUIRED', '没有联系人及联系方式');
  }
}

/** IMP2, IMP3: 办理情况, 督办情况, 移送纪检监察情况, 回访情况 (kept verbatim) and what the status rules read in them. */
function readRecords(cells: RowCells, fields: DraftFields): Omit<AnnexFacts, 'archived'> {
  const handlingColumn = cells.column('handling');
  const handling = readHandling(cells.text('handling'));
  fields.set('findings', handling.findings, handlingColumn);
  fields.set('measures', handling.measures, handlingColumn);
  fields.set('rejectReason', handling.rejectReason, handlingColumn);
  fields.checkTogether(handlingColumn);
  const supervision = cells.text('supervision');
  if (!isPlaceholder(supervision)) {
    fields.set('supervision', supervision, cells.column('supervision'));
    fields.set('supervisionCount', countSupervisions(supervision), cells.column('supervision'));
  }
  const discipline = cells.text('discipline');
  const transferred = !isPlaceholder(discipline);
  if (transferred) fields.set('discipline', discipline, cells.column('discipline'));
  const visitText = cells.text('visit');
  const visit = isPlaceholder(visitText) ? null : readVisit(visitText);
  if (visit !== null) {
    fields.set('visit', visitText, cells.column('visit'));
    fields.set('visitResult', visit.verdict, cells.column('visit'));
  }
  return { handling, transferred, visit };
}

/** IMP2, IMP3: reads the 附件4 columns of a row into `fields` and returns the facts the status rules need. */
export function readAnnexCells(cells: RowCells, fields: DraftFields, problems: RowProblems): AnnexFacts {
  readIdentity(cells, fields, problems);
  readContacts(cells, fields, problems);
  const facts = readRecords(cells, fields);
  return { ...facts, archived: readArchived(cells.text('archived')) };
}
