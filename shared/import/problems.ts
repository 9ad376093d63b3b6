// IMP2: the problems of one row, each naming the Excel row and column, with the field's Chinese message.
import type { ErrorCode } from '../errors';
import type { ImportProblem, LedgerColumn } from './types';

/** "第5行 D列（联系人及联系方式）：…" — the place first, so a list of problems reads on paper. */
export function problemMessage(row: number, column: ProblemColumn | null, detail: string): string {
  const header = column === null ? '' : column.header.replace(/\s+/g, '');
  const place = column === null ? `第${row}行` : `第${row}行 ${column.letter}列${header === '' ? '' : `（${header}）`}`;
  return `${place}：${detail}`;
}

/** The column a problem names: its letter and its header ('' for a column the reader does not know). */
export type ProblemColumn = Pick<LedgerColumn, 'letter' | 'header'>;

export class RowProblems {
  readonly list: ImportProblem[] = [];
  constructor(readonly row: number) {}

  private add(
    severity: ImportProblem['severity'],
    column: ProblemColumn | null,
    code: ErrorCode,
    detail: string,
  ): void {
    const message = problemMessage(this.row, column, detail);
    this.list.push({ row: this.row, column: column?.letter ?? null, code, message, severity });
  }

  error(column: ProblemColumn | null, code: ErrorCode, detail: string): void {
    this.add('error', column, code, detail);
  }

  warning(column: ProblemColumn | null, code: ErrorCode, detail: string): void {
    this.add('warning', column, code, detail);
  }

  get hasError(): boolean {
    return this.list.some((p) => p.severity === 'error');
  }
}
