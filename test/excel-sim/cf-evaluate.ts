// Evaluates a parsed conditional-format formula the way Excel's functions are documented to work (strictest reading).
import type { CellReader, FormulaNode, FValue, SimClock } from './cf-formula';
import { FormulaError } from './cf-formula';

const DAY_MS = 86_400_000;
/** Serial number of 1970-01-01 in Excel's 1900 date system. */
const UNIX_EPOCH_SERIAL = 25_569;

export interface EvalContext {
  read: CellReader;
  /** How far the evaluated cell lies from the rule's first cell (relative references move by this much). */
  dRow: number;
  dCol: number;
  clock: SimClock;
}

function fail(code: string): never {
  throw new FormulaError(code);
}

/** Text that is a plain number becomes that number in arithmetic; other text is #VALUE! (no date guessing). */
function num(v: FValue | ''): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === '') return 0;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : fail('#VALUE!');
}

function text(v: FValue | ''): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function bool(v: FValue | ''): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v === '') return false;
  return fail('#VALUE!');
}

/** Excel orders numbers before text before logical values; text compares without regard to case. */
function compare(a: FValue | '', b: FValue | ''): number {
  const rank = (v: FValue | ''): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (a === '' && typeof b === 'number') a = 0;
  if (b === '' && typeof a === 'number') b = 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string') return a.toLowerCase().localeCompare(String(b).toLowerCase());
  return Number(a) - Number(b);
}

function nowSerial(clock: SimClock): number {
  const ms = clock.nowMs ?? Date.now();
  return (ms + clock.utcOffsetMinutes * 60_000) / DAY_MS + UNIX_EPOCH_SERIAL;
}

/** WORKDAY without holidays: Saturday and Sunday are skipped (serial → weekday through the Unix epoch). */
function workday(start: number, days: number): number {
  let d = Math.floor(start);
  const step = days < 0 ? -1 : 1;
  for (let left = Math.trunc(Math.abs(days)); left > 0;) {
    d += step;
    const weekday = new Date((d - UNIX_EPOCH_SERIAL) * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return d;
}

/**
 * XSIM52: ISNUMBER is TRUE for a number only: text that looks like a number or a date, an empty cell and an error value
 * are FALSE (https://support.microsoft.com/office/is-functions-0f2d7971-6019-40a0-a171-f2d869135665).
 */
function isNumber(value: () => FValue | ''): boolean {
  try {
    return typeof value() === 'number';
  } catch (e) {
    if (e instanceof FormulaError) return false;
    throw e;
  }
}

function call(name: string, args: FormulaNode[], ctx: EvalContext): FValue {
  const v = (i: number): FValue | '' => evaluate(args[i] as FormulaNode, ctx);
  switch (name) {
    case 'AND':
      return args.map((_, i) => bool(v(i))).every(Boolean);
    case 'OR':
      return args.map((_, i) => bool(v(i))).some(Boolean);
    case 'NOT':
      return !bool(v(0));
    case 'IF': {
      if (bool(v(0))) return v(1) === '' ? 0 : (v(1) as FValue);
      return args.length === 3 ? (v(2) === '' ? 0 : (v(2) as FValue)) : false;
    }
    case 'DATE': {
      const ms = Date.UTC(Math.trunc(num(v(0))), Math.trunc(num(v(1))) - 1, Math.trunc(num(v(2))));
      return ms / DAY_MS + UNIX_EPOCH_SERIAL;
    }
    case 'TIME': {
      const s = Math.trunc(num(v(0))) * 3600 + Math.trunc(num(v(1))) * 60 + Math.trunc(num(v(2)));
      return s < 0 ? fail('#NUM!') : (s % 86_400) / 86_400;
    }
    case 'VALUE':
      return num(v(0));
    case 'LEFT':
      return text(v(0)).slice(0, args.length > 1 ? num(v(1)) : 1);
    case 'MID': {
      const start = Math.trunc(num(v(1)));
      return start < 1 ? fail('#VALUE!') : text(v(0)).substr(start - 1, Math.trunc(num(v(2))));
    }
    case 'LEN':
      return text(v(0)).length;
    case 'ISNUMBER':
      return isNumber(() => v(0));
    case 'INT':
      return Math.floor(num(v(0)));
    case 'NOW':
      return nowSerial(ctx.clock);
    case 'TODAY':
      return Math.floor(nowSerial(ctx.clock));
    case 'WORKDAY':
      return workday(num(v(0)), num(v(1)));
    default:
      return fail('#NAME?');
  }
}

function binary(op: string, a: FValue | '', b: FValue | ''): FValue {
  switch (op) {
    case '+':
      return num(a) + num(b);
    case '-':
      return num(a) - num(b);
    case '*':
      return num(a) * num(b);
    case '/':
      return num(b) === 0 ? fail('#DIV/0!') : num(a) / num(b);
    case '&':
      return text(a) + text(b);
    case '=':
      return compare(a, b) === 0;
    case '<>':
      return compare(a, b) !== 0;
    case '<':
      return compare(a, b) < 0;
    case '>':
      return compare(a, b) > 0;
    case '<=':
      return compare(a, b) <= 0;
    default:
      return compare(a, b) >= 0;
  }
}

/** The value of a node at one cell of the rule's range; Excel error values are thrown as FormulaError. */
export function evaluate(node: FormulaNode, ctx: EvalContext): FValue | '' {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'ref':
      return ctx.read(node.rowAbs ? node.row : node.row + ctx.dRow, node.colAbs ? node.col : node.col + ctx.dCol);
    case 'neg':
      return -num(evaluate(node.a, ctx));
    case 'call':
      return call(node.name, node.args, ctx);
    default:
      return binary(node.op, evaluate(node.a, ctx), evaluate(node.b, ctx));
  }
}
