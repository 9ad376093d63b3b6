// How the simulator stores a value written to a cell: text-formatted cells ('@') keep strings as typed, others parse them like Excel.
import { notSimulated, SimError } from './errors';

/** What a cell holds: '' when empty. */
export type Scalar = string | number | boolean;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))%$/;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Days since 1899-12-30, Excel's date serial (1900 system), with the time as a fraction. */
function dateSerial(y: number, m: number, d: number, hh: number, mm: number, ss: number): number | null {
  const ms = Date.UTC(y, m - 1, d, hh, mm, ss);
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== m - 1 ||
    back.getUTCDate() !== d ||
    hh > 23 ||
    mm > 59 ||
    ss > 59
  )
    return null;
  return (ms - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export interface Stored {
  value: Scalar;
  /** A number format Excel picks by itself (a parsed date gets a date format). */
  numberFormat?: string;
}

/** Validates one input value (never null: callers skip nulls, which mean "leave unchanged"). */
export function checkScalar(value: unknown): Scalar {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new SimError(
        'InvalidArgument',
        'The argument is invalid or missing or has an incorrect format. (non-finite number)',
      );
    return value;
  }
  throw new SimError(
    'InvalidArgument',
    `The argument is invalid or missing or has an incorrect format. (cell value ${JSON.stringify(value)})`,
  );
}

/** Parses typed or written input like Excel does for a cell with the given number format. */
export function coerce(value: Scalar, numberFormat: string): Stored {
  // XSIM52: Excel keeps 15 significant digits of a number (stricter: also for numbers written through the API)
  if (typeof value === 'number') return { value: Number(value.toPrecision(15)) };
  if (typeof value !== 'string' || numberFormat === '@' || value === '') return { value };
  const s = value.trim();
  if (NUMBER.test(s)) return { value: Number(Number(s).toPrecision(15)) };
  const pct = PERCENT.exec(s);
  if (pct) return { value: Number(pct[1]) / 100, numberFormat: '0%' };
  if (/^(true|false)$/i.test(s)) return { value: s.toLowerCase() === 'true' };
  const date = DATE.exec(s);
  if (date) {
    const [y, m, d, hh, mm, ss] = date.slice(1).map((x) => Number(x ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const serial = dateSerial(y, m, d, hh, mm, ss);
    if (serial !== null) return { value: serial, numberFormat: date[4] === undefined ? 'yyyy/m/d' : 'yyyy/m/d h:mm' };
  }
  if (/^[=+-]/.test(s))
    throw notSimulated(
      `a formula (text '${value}' written to a cell formatted '${numberFormat}' would be parsed as one)`,
    );
  return { value };
}
