// ADDIN64: only the actions that can succeed, the usual next step first, destructive ones last, each with a hint.
import { describe, expect, it } from 'vitest';
import { nextActions } from '../../shared/next-steps';
import { COMMANDS } from '../../shared/workflow';
import { applyCommand } from '../../shared/commands';
import { STATUSES } from '../../shared/vocabulary';
import { at, caseIn, ctx } from './command-helpers';
import { actors } from './fixtures';
import type { FieldValue } from '../../shared/fields';

const NOW = at('2026-10-12T10:00:00+08:00');
const names = (a: ReturnType<typeof nextActions>) => a.map((x) => x.command);

describe('ADDIN64: only possible actions, in order', () => {
  it('ADDIN64: 交办 comes first and 不予受理 last for a new case; 签收 before 退回 for the unit', () => {
    const office = nextActions(actors.office, caseIn('registered'), NOW);
    expect(names(office)).toEqual(['assign', 'answer', 'reject']);
    expect(office.map((a) => [a.primary, a.destructive])).toEqual([
      [true, false],
      [false, false],
      [false, true],
    ]);
    expect(names(nextActions(actors.lead, caseIn('assigned'), NOW))).toEqual(['accept', 'extension-request', 'return']);
    expect(names(nextActions(actors.lead, caseIn('handling'), NOW))).toEqual([
      'feedback',
      'extension-request',
      'return',
    ]);
    for (const a of office) expect(a.hint).not.toBe('');
  });

  it('ADDIN64: no 延期审批 without a request, no 督办回复 without a 督办, no second request while one is pending', () => {
    expect(names(nextActions(actors.office, caseIn('handling'), NOW))).toEqual(['supervise']);
    const pending = caseIn('handling', { extensionPending: 2 });
    expect(names(nextActions(actors.office, pending, NOW))).toEqual(['extension-decision', 'supervise']);
    expect(names(nextActions(actors.lead, pending, NOW))).not.toContain('extension-request');
    const supervised = caseIn('handling', {
      supervisionDueAt: '2026-10-17T23:59:59+08:00',
      supervision: '〔2026〕督1号 …',
    });
    expect(names(nextActions(actors.lead, supervised, NOW))).toContain('supervise-reply');
    expect(names(nextActions(actors.office, supervised, NOW))).not.toContain('supervise');
    expect(names(nextActions(actors.lead, caseIn('handling'), NOW))).not.toContain('supervise-reply');
    // past the deadline, or with the whole extension already granted, no request is offered
    expect(names(nextActions(actors.lead, caseIn('handling'), at('2026-10-14T00:00:00+08:00')))).not.toContain(
      'extension-request',
    );
    expect(names(nextActions(actors.lead, caseIn('handling', { extensionGranted: 5 }), NOW))).not.toContain(
      'extension-request',
    );
  });

  it('ADDIN64: every action offered in any state passes the command’s own state checks (no INVALID_STATE, no “nothing to decide”)', () => {
    const refusedByCondition = ['NO_PENDING_EXTENSION', 'NO_OPEN_SUPERVISION', 'SUPERVISION_OPEN', 'EXTENSION_PENDING'];
    for (const status of STATUSES) {
      const extras: Record<string, FieldValue>[] = [
        {},
        { extensionPending: 2 },
        { supervisionDueAt: '2026-10-17T23:59:59+08:00' },
      ];
      for (const extra of extras) {
        const c = caseIn(status, extra);
        for (const actor of Object.values(actors)) {
          const offered = names(nextActions(actor, c, NOW));
          expect(offered.every((cmd) => COMMANDS.includes(cmd))).toBe(true);
          for (const cmd of offered) {
            const r = applyCommand(actor, c, cmd, {}, ctx());
            // the empty input is refused for its fields, never for the state or the command's condition
            if (!r.ok) {
              expect(
                ['INVALID_STATE', ...refusedByCondition],
                `${status} ${actor.name} ${cmd} ${JSON.stringify(extra)}`,
              ).not.toContain(r.error.code);
            }
          }
        }
      }
    }
  });
});
