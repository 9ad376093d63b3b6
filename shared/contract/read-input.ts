// CON1: reads a raw request body against a command's declared inputs: unknown keys refused, each input checked, first refusal wins.
import type { Result } from '../errors';
import { fail, ok } from '../errors';
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
  const specs = inputsOf(name);
  const r = new InputReader(raw === undefined ? {} : raw);
  r.allowKeys(specs.map(([key]) => key));
  const values: Record<string, unknown> = {};
  for (const [key, s] of specs) values[key] = readOne(r, key, s);
  if (r.error !== null) return { ok: false, error: r.error };
  for (const [key, s] of specs) {
    const when = s.requiredWhen;
    if (when !== undefined && values[key] === null && values[when.key] === when.equals) {
      return fail('REQUIRED', `${when.when}“${s.label}”为必填项`, key);
    }
  }
  // The values were each checked against their spec above, so they have the types ReadInput derives from it.
  return ok(values as ReadInput<C>);
}
