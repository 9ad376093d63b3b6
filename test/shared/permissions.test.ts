// PERM1–PERM8: the edit-permission matrix over every role × field × status × unit relation.
import { describe, expect, it } from 'vitest';
import { checkCellEdit, mayEdit } from '../../shared/permissions';
import { FIELD_IDS } from '../../shared/fields';
import { STATUSES } from '../../shared/vocabulary';
import { ACTOR_NAMES, actors, caseIn } from './fixtures';

// Written from PERM4 and PERM6, independently of shared/fields.ts.
const OFFICE_OWNED = [
  'receivedAt',
  'channel',
  'company',
  'address',
  'contactName',
  'contactPhone',
  'target',
  'summary',
  'category',
];
const LEAD_OWNED = [
  'handler',
  'handlerPhone',
  'findings',
  'measures',
  'feedbackAt',
  'feedbackMethod',
  'companyVerdict',
  'dissatisfaction',
  'nextPlan',
];
const LEAD_EDIT_STATES = ['handling'];

function expected(actor: string, field: string, status: string): string {
  if (actor === 'viewer') return 'READ_ONLY';
  if (actor === 'other') return 'CASE_NOT_FOUND';
  if (!OFFICE_OWNED.includes(field) && !LEAD_OWNED.includes(field)) return 'FIELD_SERVER_OWNED';
  if (status === 'archived') return 'FIELD_LOCKED_IN_STATUS';
  if (OFFICE_OWNED.includes(field)) return actor === 'office' ? 'ok' : 'FIELD_OWNED_BY_OFFICE';
  if (actor !== 'lead') return 'FIELD_OWNED_BY_LEAD';
  return LEAD_EDIT_STATES.includes(status) ? 'ok' : 'FIELD_LOCKED_IN_STATUS';
}

const combos = ACTOR_NAMES.flatMap((a) => FIELD_IDS.flatMap((f) => STATUSES.map((s) => [a, f, s] as const)));

describe('mayEdit', () => {
  it(`PERM1–PERM6: ${combos.length} role × field × status × relation combinations (${ACTOR_NAMES.length} actors × ${FIELD_IDS.length} fields × ${STATUSES.length} statuses)`, () => {
    const mismatches: string[] = [];
    for (const [a, f, s] of combos) {
      const r = mayEdit(actors[a], caseIn(s), f);
      const got = r.ok ? 'ok' : r.error.code;
      if (got !== expected(a, f, s)) mismatches.push(`${a} ${f} ${s}: got ${got}, want ${expected(a, f, s)}`);
    }
    expect(mismatches).toEqual([]);
    expect(combos.length).toBe(5 * FIELD_IDS.length * STATUSES.length);
  });

  it('PERM2: unknown fields are refused for everyone who can write', () => {
    for (const a of ['office', 'lead'] as const) {
      const r = mayEdit(actors[a], caseIn('handling'), 'secret');
      expect(r.ok ? 'ok' : r.error.code).toBe('UNKNOWN_FIELD');
    }
  });

  it('PERM3: a unit that is neither lead nor cooperating learns nothing (CASE_NOT_FOUND), even on a case it used to lead', () => {
    const reassigned = caseIn('assigned', { leadUnit: 'u-new', coUnits: null });
    const r = mayEdit(actors.lead, reassigned, 'handler');
    expect(r.ok ? 'ok' : r.error.code).toBe('CASE_NOT_FOUND');
  });

  it('PERM4, BIND5: refusal messages are Chinese', () => {
    const r = mayEdit(actors.lead, caseIn('handling'), 'status');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('checkCellEdit', () => {
  it('PERM7: a permitted edit still needs a valid value', () => {
    const c = caseIn('handling');
    expect(checkCellEdit(actors.lead, c, 'handlerPhone', '0710-6331373', '2026-11-29')).toEqual({
      ok: true,
      value: '0710-6331373',
    });
    const bad = checkCellEdit(actors.lead, c, 'handlerPhone', '12345', '2026-11-29');
    expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_PHONE');
    const badChoice = checkCellEdit(actors.lead, c, 'feedbackMethod', '微信', '2026-11-29');
    expect(badChoice.ok ? 'ok' : badChoice.error.code).toBe('INVALID_CHOICE');
    const badDate = checkCellEdit(actors.office, c, 'receivedAt', '2026-02-30', '2026-11-29');
    expect(badDate.ok ? 'ok' : badDate.error.code).toBe('INVALID_DATE');
  });

  it('PERM7: findings and measures together stay within 2000 characters', () => {
    const c = caseIn('handling', { findings: '查'.repeat(1500) });
    expect(checkCellEdit(actors.lead, c, 'measures', '办'.repeat(500), '2026-11-29').ok).toBe(true);
    const r = checkCellEdit(actors.lead, c, 'measures', '办'.repeat(501), '2026-11-29');
    expect(r.ok ? 'ok' : r.error.code).toBe('TOO_LONG');
  });

  it('PERM7: a required office field cannot be cleared', () => {
    const r = checkCellEdit(actors.office, caseIn('registered'), 'company', '  ', '2026-11-29');
    expect(r.ok ? 'ok' : r.error.code).toBe('REQUIRED');
  });

  it('PERM7: permission is checked before the value', () => {
    const r = checkCellEdit(actors.co, caseIn('handling'), 'handlerPhone', 'garbage', '2026-11-29');
    expect(r.ok ? 'ok' : r.error.code).toBe('FIELD_OWNED_BY_LEAD');
  });
});
