// BIND10: a user's edit racing a remote multi-field update of the same row is taken (or refused aloud), never lost.
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldId } from '../../../shared/fields';
import { readCase, writeFields } from '../../../shared/ydoc-layout';
import { actors } from '../../shared/fixtures';
import type { BoundSheet } from './binding-harness';
import { SHEET, bound } from './binding-harness';

let s: BoundSheet | null = null;
afterEach(() => s?.binding.stop());

/** A small deterministic generator, so a failing interleaving can be replayed from its seed. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};

const TYPED: FieldId[] = ['findings', 'measures', 'handler'];

describe('BIND10: concurrent edits', () => {
  it('BIND10: a typed cell survives a remote update of 4+ fields of its row in every interleaving', async () => {
    const lost: string[] = [];
    for (let seed = 1; seed <= 24; seed++) {
      const random = rng(seed * 7919);
      s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
      const field = TYPED[Math.floor(random() * TYPED.length)] as FieldId;
      const typed = `现场核实-${seed}`;
      const clash = random() < 0.3; // the server changes the very field typed, too
      const remote = {
        company: `企业-${seed}`,
        summary: `诉求-${seed}`,
        contact: `联系人-${seed}`,
        contactPhone: '13800000000',
        ...(clash ? { [field]: `服务器-${seed}` } : {}),
      };
      const typeAt = Math.floor(random() * 6),
        remoteAt = Math.floor(random() * 6);
      const bs = s;
      await Promise.all([
        ticks(typeAt).then(() => bs.workbook.user.type(SHEET, bs.cell(0, field), typed)),
        ticks(remoteAt).then(() => writeFields(bs.server, 'c-1', remote)),
      ]);
      await s.settle();
      await s.settle();
      const server = readCase(s.server, 'c-1')?.fields[field];
      if (server !== typed && s.refusals.length === 0)
        lost.push(
          `seed ${seed}: ${field} typed@${typeAt} remote@${remoteAt} clash=${clash} → server ${String(server)}`,
        );
      else if (server === typed) expect(s.value(0, field)).toBe(typed);
      s.binding.stop();
    }
    expect(lost).toEqual([]);
  });
});
