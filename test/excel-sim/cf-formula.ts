// The small formula language the simulator evaluates in custom conditional formats: references, text, numbers, dates and NOW().
import { columnIndex } from './address';
import { notSimulated } from './errors';

/**
 * The clock NOW() and TODAY() read: Excel takes the computer's date and time, in its time zone, recalculated whenever
 * the sheet recalculates (https://support.microsoft.com/office/now-function-3337fd29-145a-4347-b2e6-20c904739c46,
 * https://support.microsoft.com/office/today-function-5eb3078d-a82c-4736-8930-2f51a028fdd9). Tests set `nowMs` (null:
 * the real time) and the computer's offset from UTC.
 */
export interface SimClock {
  nowMs: number | null;
  utcOffsetMinutes: number;
}

/** A value inside a formula: Excel's error values are carried as FormulaError. */
export type FValue = number | string | boolean;
export class FormulaError extends Error {}

type Node =
  | { t: 'lit'; v: FValue }
  | { t: 'ref'; col: number; colAbs: boolean; row: number; rowAbs: boolean }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'neg'; a: Node }
  | { t: 'bin'; op: string; a: Node; b: Node };

/** Reads one cell, given the row and column the formula's first cell has moved to. */
export type CellReader = (row: number, col: number) => FValue | '';

const TOKEN =
  /\s*(?:("(?:[^"]|"")*")|(\$?[A-Za-z]{1,3}\$?\d+)(?![\w(])|([A-Za-z][A-Za-z0-9.]*)\s*\(|(\d+(?:\.\d+)?)|(<>|<=|>=|[-+*/&=<>(),]))/y;

const ARITY: Readonly<Record<string, [number, number]>> = {
  AND: [1, 255],
  OR: [1, 255],
  NOT: [1, 1],
  IF: [2, 3],
  DATE: [3, 3],
  TIME: [3, 3],
  VALUE: [1, 1],
  LEFT: [1, 2],
  MID: [3, 3],
  LEN: [1, 1],
  ISNUMBER: [1, 1],
  INT: [1, 1],
  NOW: [0, 0],
  TODAY: [0, 0],
  WORKDAY: [2, 2],
};

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (m === null) {
      if (text.slice(at).trim() === '') break;
      throw notSimulated(`conditional format formula '${text}' (cannot read '${text.slice(at)}')`);
    }
    if (m[3] !== undefined) out.push(`${m[3].toUpperCase()}(`);
    else out.push((m[1] ?? m[2] ?? m[4] ?? m[5]) as string);
  }
  return out;
}

/** Parses '=…' into a tree; functions outside ARITY and other syntax are refused as not simulated. */
export function parseFormula(formula: string): Node {
  const tokens = tokenize(formula.trim().replace(/^=/, ''));
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const expect = (t: string): void => {
    if (tokens[i++] !== t) throw notSimulated(`conditional format formula '${formula}' (expected ${t})`);
  };
  const levels = [['=', '<>', '<', '>', '<=', '>='], ['&'], ['+', '-'], ['*', '/']];
  const binary = (level: number): Node => {
    if (level === levels.length) return unary();
    let a = binary(level + 1);
    while (levels[level]?.includes(peek() ?? '')) {
      const op = tokens[i++] as string;
      a = { t: 'bin', op, a, b: binary(level + 1) };
    }
    return a;
  };
  const unary = (): Node => {
    const t = tokens[i++];
    if (t === undefined) throw notSimulated(`conditional format formula '${formula}' (ends early)`);
    if (t === '-') return { t: 'neg', a: unary() };
    if (t === '(') {
      const inner = binary(0);
      expect(')');
      return inner;
    }
    if (t.startsWith('"')) return { t: 'lit', v: t.slice(1, -1).replace(/""/g, '"') };
    if (/^\d/.test(t)) return { t: 'lit', v: Number(t) };
    if (t.endsWith('(')) return call(t.slice(0, -1));
    const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(t);
    if (m === null) throw notSimulated(`conditional format formula '${formula}' (unexpected '${t}')`);
    const [, ca, letters, ra, digits] = m as unknown as string[];
    return {
      t: 'ref',
      colAbs: ca === '$',
      col: columnIndex(letters as string),
      rowAbs: ra === '$',
      row: Number(digits) - 1,
    };
  };
  const call = (name: string): Node => {
    const args: Node[] = [];
    if (peek() !== ')') {
      args.push(binary(0));
      while (peek() === ',') {
        i++;
        args.push(binary(0));
      }
    }
    expect(')');
    const arity = ARITY[name];
    if (arity === undefined) throw notSimulated(`function ${name} in a conditional format`);
    if (args.length < arity[0] || args.length > arity[1])
      throw notSimulated(`${name} with ${args.length} arguments in a conditional format`);
    return { t: 'call', name, args };
  };
  const tree = binary(0);
  if (i !== tokens.length) throw notSimulated(`conditional format formula '${formula}' (trailing '${tokens[i]}')`);
  return tree;
}

export type { Node as FormulaNode };
