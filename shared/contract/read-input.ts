// CON1: reads a raw request body against a command's declared inputs: unknown keys refused, each input checked; the first refusal, or all (VAL20).
import type { Refusal, Result } from '../errors';
import { ok, refusal } from '../errors';
import { InputReader } from '../validation';
import type { InputName, InputSpec, ReadInput } from './commands';
import { UNIT_ID_MAX, inputsOf } from './commands';

function readOne(r: InputReader, key: string, s: InputSpec): unknown {
  const required = s.required === true;
  switch (s.kind) {
    case 'text':
      return r.prose(key, s.label, s.max, required); // VAL8
    case 'unit':
      return r.text(key, s.label, UNIT_ID_MAX, required);
    case 'choice':
      return r.choice(key, s.label, s.choices, required);
    case 'int':
      return r.int(key, s.label, s.min, s.max, required);
    case 'bool':
      return required || r.has(key) ? r.bool(key, s.label) : null;
    case 'time':
      return r.time(key, s.label, required);
    case 'date':
      return r.date(key, s.label, required);
    case 'units':
      return r.list(key, s.label, s.maxItems);
    case 'field':
      return r.field(key, s.field, required);
  }
}

/**
 * CON1: the command's input, typed by its spec. Order of checks: keys the command does not know, each input in declared
 * order, then inputs required because of another (requiredWhen). Cross-field rules stay with the command's handler.
 */
export function readInput<C extends InputName>(name: C, raw: unknown): Result<ReadInput<C>> {
  const { values, problems } = readAll(name, raw);
  const first = problems[0];
  if (first !== undefined) return { ok: false, error: first };
  // The values were each checked against their spec above, so they have the types ReadInput derives from it.
  return ok(values as ReadInput<C>);
}

/**
 * VAL20: every problem of the input at once, at most one per input key, in the order readInput checks them (its
 * refusal is the first of these): the pane shows them all under their fields before anything is sent.
 */
export function inputProblems(name: InputName, raw: unknown): Refusal[] {
  const seen = new Set<string>();
  return readAll(name, raw).problems.filter((p) => {
    const key = p.field ?? '';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function readAll(name: InputName, raw: unknown): { values: Record<string, unknown>; problems: Refusal[] } {
  const specs = inputsOf(name);
  const r = new InputReader(raw === undefined ? {} : raw);
  r.allowKeys(specs.map(([key]) => key));
  const values: Record<string, unknown> = {};
  for (const [key, s] of specs) values[key] = readOne(r, key, s);
  const problems = [...r.problems];
  for (const [key, s] of specs) {
    const when = s.requiredWhen;
    if (when !== undefined && values[key] === null && values[when.key] === when.equals) {
      problems.push(refusal('REQUIRED', `${when.when}“${s.label}”为必填项`, key));
    }
  }
  return { values, problems };
}
