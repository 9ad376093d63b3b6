// PERM3, SYNC2: a unit never receives the company or contact data of a case that is not its own — in no response.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bench, Reply, Who } from './harness';
import { bench } from './harness';

const SECRET = {
  company: '绝密投诉企业有限公司',
  contactName: '秘密联系人',
  contactPhone: '13700001234',
  summary: '投诉某局索拿卡要',
};

let b: Bench;
let secretId: string;
let ownId: string;
beforeEach(async () => {
  b = await bench();
  // the secret case: led by the lead unit, the co unit cooperating — the other unit has nothing to do with it
  secretId = await b.assigned(SECRET);
  await b.run('lead', secretId, 'accept', { handler: '李四', handlerPhone: '13900001111' });
  await b.run('office', secretId, 'supervise', { note: `督办${SECRET.company}` });
  // the other unit's own case
  ownId = await b.register({ company: '本单位企业' });
  await b.run('office', ownId, 'assign', { leadUnit: b.units.other, kind: 'general' });
  await b.ledger.whenDurable();
});

/** Every read the API offers a unit, including the refused ones. */
async function everything(who: Who): Promise<Reply[]> {
  const u = b.as(who);
  return [
    await u.get('/api/me'),
    await u.get('/api/units'),
    await u.get('/api/cases'),
    await u.get(`/api/cases/${secretId}`),
    await u.get(`/api/cases/${ownId}`),
    await u.get('/api/audit'),
    await u.get(`/api/audit?caseId=${secretId}`),
    await u.get(`/api/audit?caseId=${ownId}`),
    await u.get('/api/stats'),
    await u.post(`/api/cases/${secretId}/accept`),
    await u.post(`/api/cases/${secretId}/co-opinion`, { text: '看看' }),
    await u.post(`/api/cases/${secretId}/supervise-reply`, { note: '回复' }),
  ];
}

describe('PERM3: existence and data of another unit’s case do not leak', () => {
  it('the other unit gets 404 CASE_NOT_FOUND, exactly as for a case that does not exist', async () => {
    const hidden = await b.as('other').get(`/api/cases/${secretId}`);
    const missing = await b.as('other').get('/api/cases/c-does-not-exist');
    expect([hidden.status, hidden.body]).toEqual([404, missing.body]);
    const hiddenAudit = await b.as('other').get(`/api/audit?caseId=${secretId}`);
    const missingAudit = await b.as('other').get('/api/audit?caseId=c-does-not-exist');
    expect([hiddenAudit.status, hiddenAudit.body]).toEqual([404, missingAudit.body]);
  });

  it('the company, contact and summary of the secret case appear in no response the other unit gets', async () => {
    const replies = await everything('other');
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 404, 200, 403, 404, 200, 200, 404, 404, 404]);
    for (const r of replies) {
      for (const secret of Object.values(SECRET)) expect(r.text).not.toContain(secret);
      expect(r.text).not.toContain(secretId);
    }
    expect(replies[2]?.body.cases.map((c: { id: string }) => c.id)).toEqual([ownId]);
  });

  it('the lead and the co unit do see it; office and viewer see everything', async () => {
    for (const who of ['lead', 'co', 'office', 'viewer'] as const) {
      const r = await b.as(who).get(`/api/cases/${secretId}`);
      expect([who, r.status, r.body.fields.company]).toEqual([who, 200, SECRET.company]);
    }
    const leadAudit = await b.as('lead').get(`/api/audit?caseId=${secretId}`);
    expect(leadAudit.text).toContain(SECRET.company);
  });

  it('stats of a unit count only its own cases; its totals are its own row', async () => {
    const r = await b.as('other').get('/api/stats');
    expect(r.body.units).toHaveLength(1);
    expect(r.body.units[0]).toMatchObject({ unitId: b.units.other, received: 1, supervisions: 0 });
    expect(r.body.totals).toMatchObject({ received: 1, supervisions: 0 });
  });
});
