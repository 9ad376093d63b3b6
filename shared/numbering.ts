// Document numbers: 诉求编号 〔2026〕15号 and 督办单 〔2026〕督3号, per-year sequences.

const CASE_CODE = /^〔(\d{4})〕(\d{1,6})号$/;
const SUPERVISION_CODE = /^〔(\d{4})〕督(\d{1,6})号$/;

function check(year: number, n: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2200) throw new RangeError(`year out of range: ${year}`);
  if (!Number.isInteger(n) || n < 1 || n > 999_999) throw new RangeError(`number out of range: ${n}`);
}

/** NUM1: 诉求编号 = year of registration + the n-th case of that year. */
export function formatCaseCode(year: number, n: number): string {
  check(year, n);
  return `〔${year}〕${n}号`;
}

/** NUM2: 督办单编号 = year of issue + the n-th 督办单 of that year. */
export function formatSupervisionCode(year: number, n: number): string {
  check(year, n);
  return `〔${year}〕督${n}号`;
}

export function parseCaseCode(code: string): { year: number; n: number } | null {
  const m = CASE_CODE.exec(code);
  return m ? { year: Number(m[1]), n: Number(m[2]) } : null;
}

export function parseSupervisionCode(code: string): { year: number; n: number } | null {
  const m = SUPERVISION_CODE.exec(code);
  return m ? { year: Number(m[1]), n: Number(m[2]) } : null;
}
