// SYNC2–SYNC4 over the wire: permitted edits reach the ledger and cooperating units; refused ones are never observed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { casesOf, readCase } from '../../../shared/ydoc-layout';
import type { Client } from './harness';
import { ADMIN_TOKEN, Harness, REGISTRATION, scene, waitFor } from './harness';

let h: Harness;
let s: Awaited<ReturnType<typeof scene>>;
let caseId: string;
let hidden: string;
let office: Client;
let lead: Client;
let co: Client;
let other: Client;
/** Every value any observer client ever saw for a (case, field): refused values must never show up. */
const observed: string[] = [];

function observe(c: Client, name: string): void {
  c.doc.on('afterTransaction', () => {
    casesOf(c.doc).forEach((map, id) => {
      map.forEach((v, k) => observed.push(`${name}|${id}|${k}|${String(v)}`));
    });
  });
}

const caseMap = (c: Client, id = caseId) => casesOf(c.doc).get(id) as Y.Map<unknown>;

beforeAll(async () => {
  h = await Harness.start();
  s = await scene(h);
  caseId = (await h.ok<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/cases', REGISTRATION)).id;
  await h.ok(ADMIN_TOKEN, 'POST', `/api/cases/${caseId}/assign`, {
    leadUnit: s.units.lead,
    coUnits: [s.units.co],
    kind: 'general',
  });
  await h.ok(s.tokens.lead, 'POST', `/api/cases/${caseId}/accept`, {});
  hidden = (
    await h.ok<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/cases', { ...REGISTRATION, company: '隐秘投诉企业甲' })
  ).id;
  await h.ok(ADMIN_TOKEN, 'POST', `/api/cases/${hidden}/assign`, { leadUnit: s.units.other, kind: 'general' });
  office = h.connect('ledger', ADMIN_TOKEN);
  lead = h.connect(`unit:${s.units.lead}`, s.tokens.lead);
  co = h.connect(`unit:${s.units.co}`, s.tokens.co);
  other = h.connect(`unit:${s.units.other}`, s.tokens.other);
  await Promise.all([office.synced(), lead.synced(), co.synced(), other.synced()]);
  observe(office, 'office');
  observe(co, 'co');
  observe(other, 'other');
});

afterAll(async () => {
  await h.stop();
});

describe('edits over the wire', () => {
  it('SYNC2: each room holds exactly the cases its unit may see', () => {
    expect(readCase(office.doc, caseId)?.fields.company).toBe(REGISTRATION.company);
    expect(readCase(lead.doc, caseId)?.fields.status).toBe('handling');
    expect(readCase(co.doc, caseId)).not.toBeNull();
    expect(readCase(other.doc, caseId)).toBeNull();
    expect(readCase(lead.doc, hidden)).toBeNull();
    expect(readCase(other.doc, hidden)?.fields.company).toBe('隐秘投诉企业甲');
  });

  it('SYNC4: a lead unit’s permitted edit reaches the office client and the cooperating unit', async () => {
    caseMap(lead).set('handler', '周强');
    await waitFor(() => readCase(office.doc, caseId)?.fields.handler === '周强', 'office sees handler');
    await waitFor(() => readCase(co.doc, caseId)?.fields.handler === '周强', 'co unit sees handler');
    expect(lead.rejections).toEqual([]);
  });

  it('SYNC3: a unit writing status or company is reverted on the sender, never observed elsewhere, told why and audited', async () => {
    caseMap(lead).set('status', 'closed');
    caseMap(lead).set('company', '被改掉的企业名');
    await waitFor(() => lead.rejections.length >= 2, 'rejections');
    expect(lead.rejections.map((r) => [r.field, r.code]).sort()).toEqual([
      ['company', 'FIELD_OWNED_BY_OFFICE'],
      ['status', 'FIELD_SERVER_OWNED'],
    ]);
    expect(lead.rejections[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    await waitFor(() => readCase(lead.doc, caseId)?.fields.status === 'handling', 'sender reverted');
    expect(readCase(lead.doc, caseId)?.fields.company).toBe(REGISTRATION.company);
    expect(observed.filter((o) => o.includes('closed') || o.includes('被改掉的企业名'))).toEqual([]);
    const audit = await h.ok<{ entries: { field: string | null; accepted: boolean; code: string | null }[] }>(
      ADMIN_TOKEN,
      'GET',
      `/api/audit?caseId=${caseId}`,
    );
    expect(
      audit.entries
        .filter((e) => !e.accepted)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['company', 'status']);
  });

  it('PERM8/SYNC10: creating or deleting a case through Yjs is refused whole, closed with 1007 and never observed', async () => {
    for (const [attack, code] of [
      [
        (d: Y.Doc) => {
          const forged = new Y.Map<unknown>();
          forged.set('company', '伪造的诉求');
          casesOf(d).set('c-forged', forged as never);
        },
        'CASE_CREATE_FORBIDDEN',
      ],
      [(d: Y.Doc) => casesOf(d).delete(caseId), 'CASE_DELETE_FORBIDDEN'],
    ] as const) {
      const rogue = h.connect(`unit:${s.units.lead}`, s.tokens.lead);
      await rogue.synced();
      attack(rogue.doc);
      await waitFor(() => rogue.closeCodes.includes(1007), 'the rogue client closed with 1007');
      expect(rogue.rejections.map((r) => r.code)).toEqual([code]);
      rogue.destroy(); // its document now holds what the server refused: it would be refused again on every reconnect
    }
    expect(observed.filter((o) => o.includes('c-forged') || o.includes('伪造的诉求'))).toEqual([]);
    expect(readCase(lead.doc, caseId)?.fields.handler).toBe('周强');
    expect(readCase(office.doc, caseId)?.fields.company).toBe(REGISTRATION.company);
  });

  it('SYNC3/PERM1: an office edit of a registration field reaches the unit rooms; a viewer’s edit is refused whole', async () => {
    caseMap(office).set('address', '枣阳市北城街道');
    await waitFor(() => readCase(lead.doc, caseId)?.fields.address === '枣阳市北城街道', 'lead sees address');
    const viewer = h.connect('ledger', s.tokens.viewer);
    await viewer.synced();
    caseMap(viewer).set('address', '只读用户的修改');
    await waitFor(() => viewer.closeCodes.includes(1007), 'the viewer closed with 1007');
    expect(viewer.rejections.map((r) => r.code)).toEqual(['READ_ONLY']);
    viewer.destroy();
    expect(observed.filter((o) => o.includes('只读用户的修改'))).toEqual([]);
    expect(readCase(office.doc, caseId)?.fields.address).toBe('枣阳市北城街道');
  });

  it('SYNC2: a unit client never receives another unit’s case, in any frame', () => {
    const needle = Buffer.from('隐秘投诉企业甲', 'utf8');
    for (const c of [lead, co]) expect(c.frames.some((f) => f.includes(needle))).toBe(false);
    expect(other.frames.some((f) => f.includes(needle))).toBe(true);
  });

  it('SYNC4: reassignment moves the case into the new unit’s room and out of the old one', async () => {
    const id = (
      await h.ok<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/cases', { ...REGISTRATION, company: '改派测试企业' })
    ).id;
    await h.ok(ADMIN_TOKEN, 'POST', `/api/cases/${id}/assign`, { leadUnit: s.units.lead, kind: 'general' });
    await waitFor(() => readCase(lead.doc, id) !== null, 'lead gets the case');
    await h.ok(s.tokens.lead, 'POST', `/api/cases/${id}/return`, { reason: '不属于本单位职责' });
    await h.ok(ADMIN_TOKEN, 'POST', `/api/cases/${id}/assign`, { leadUnit: s.units.other, kind: 'general' });
    await waitFor(() => readCase(other.doc, id)?.fields.company === '改派测试企业', 'new unit gets the case');
    await waitFor(() => readCase(lead.doc, id) === null, 'old unit loses the case');
  });

  it('SYNC1: a bad token closes with 4401, a foreign room with 4403', async () => {
    const bad = h.connect('ledger', 'not-a-token');
    const foreign = h.connect(`unit:${s.units.other}`, s.tokens.lead);
    await waitFor(() => bad.closeCodes.length > 0 && foreign.closeCodes.length > 0, 'closes');
    expect(bad.closeCodes[0]).toBe(4401);
    expect(foreign.closeCodes[0]).toBe(4403);
    expect(readCase(foreign.doc, hidden)).toBeNull();
  });

  it('AUTH3: revoking a user closes its open sync connection with 4401; it does not come back', async () => {
    const { id, token } = await h.ok<{ id: string; token: string }>(ADMIN_TOKEN, 'POST', '/api/users', {
      name: '将被吊销',
      role: 'unit',
      unitId: s.units.lead,
    });
    const doomed = h.connect(`unit:${s.units.lead}`, token);
    await doomed.synced();
    await h.ok(ADMIN_TOKEN, 'POST', `/api/users/${id}/revoke`, {});
    await waitFor(() => doomed.closeCodes.includes(4401), 'the revoked connection closes');
    await new Promise((r) => setTimeout(r, 300));
    expect(doomed.closeCodes).toEqual([4401]);
    expect(lead.closeCodes).toEqual([]);
  });
});
