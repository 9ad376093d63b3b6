// Attack 1: one transaction from a read-only viewer (or a unit) that names `toString`, forges fields, creates and deletes cases.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { casesOf, readCase } from '../../../shared/ydoc-layout';
import type { Client } from '../integration/harness';
import { ADMIN_TOKEN, Harness, waitFor } from '../integration/harness';
import {
  sceneForEachTest,
  assertConsistent,
  assertRoomAlive,
  auditLog,
  handlingCase,
  registeredCase,
} from './invariants';

const t = sceneForEachTest();

/** Every value an observer ever saw, so a refused value seen "for a moment" is caught too. */
function record(c: Client): string[] {
  const seen: string[] = [];
  c.doc.on('afterTransaction', () => {
    casesOf(c.doc).forEach((map, id) => map.forEach((v, k) => seen.push(`${id}|${k}|${String(v)}`)));
    seen.push(`cases:${[...casesOf(c.doc).keys()].sort().join(',')}`);
  });
  return seen;
}

const mapOf = (c: Client, id: string) => casesOf(c.doc).get(id) as unknown as Y.Map<unknown>;

describe('hostile: forged fields and cases in one transaction', () => {
  it('SYNC3/PERM1/PERM8: a viewer’s toString + status + leadUnit + company + new case + deleted case changes nothing anywhere, before or after a restart', async () => {
    const target = await registeredCase(t.h);
    const victim = await registeredCase(t.h, { company: '被删除的企业' });
    const viewer = t.h.connect('ledger', t.s.tokens.viewer);
    const office = t.h.connect('ledger', ADMIN_TOKEN);
    await Promise.all([viewer.synced(), office.synced()]);
    const seen = record(office);
    viewer.doc.transact(() => {
      const m = mapOf(viewer, target);
      m.set('toString', 'x');
      m.set('status', 'closed');
      m.set('leadUnit', t.s.units.other);
      m.set('company', '伪造企业');
      const forged = new Y.Map<unknown>();
      forged.set('company', '凭空出现的企业');
      casesOf(viewer.doc).set('c-forged', forged as never);
      casesOf(viewer.doc).delete(victim);
    });
    // PERM1/SYNC10: a viewer changes nothing: the whole transaction is refused before it is applied, the viewer closed
    await waitFor(() => viewer.closeCodes.includes(1007), 'the viewer closed with 1007');
    expect(viewer.rejections.map((r) => r.code)).toEqual(['READ_ONLY']);
    viewer.destroy();
    expect(
      seen.filter(
        (x) => x.includes('伪造企业') || x.includes('凭空出现') || x.includes('|closed') || x.includes('c-forged'),
      ),
    ).toEqual([]);
    expect(seen.every((x) => !x.startsWith('cases:') || x.includes(victim))).toBe(true);
    await assertConsistent(t.h, [{ room: `unit:${t.s.units.other}`, token: t.s.tokens.other }]);
    const refused = (await auditLog(t.h)).filter((e) => !e.accepted);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((e) => (e as unknown as { actorId: string }).actorId !== 'admin')).toBe(true);

    const dir = t.h.dataDir;
    await t.h.stop(false);
    t.h = await Harness.start(dir);
    const after = await t.h.ok<{ cases: { id: string; company: string; status: string }[] }>(
      ADMIN_TOKEN,
      'GET',
      '/api/cases',
    );
    expect(after.cases.map((c) => c.id).sort()).toEqual([target, victim].sort());
    expect(after.cases.find((c) => c.id === target)?.company).not.toBe('伪造企业');
    expect((await t.h.api(ADMIN_TOKEN, 'GET', `/api/cases/${victim}`)).status).toBe(200);
    expect(await roomIds(t.h, `unit:${t.s.units.other}`, t.s.tokens.other)).toEqual([]);
    await assertConsistent(t.h);
    await assertRoomAlive(t.h, 'ledger', ADMIN_TOKEN, target, 'address', '重启后正常的修改');
  });

  it('SYNC3/PERM3: a unit doing the same in its room changes nothing and leaks nothing', async () => {
    const mine = await handlingCase(t.h, t.s);
    const theirs = await registeredCase(t.h, { company: '他人的诉求' });
    const lead = t.h.connect(`unit:${t.s.units.lead}`, t.s.tokens.lead);
    await lead.synced();
    lead.doc.transact(() => {
      const m = mapOf(lead, mine);
      m.set('toString', 'x');
      m.set('__proto__', 'y');
      m.set('hasOwnProperty', 'z');
      m.set('status', 'closed');
      m.set('company', '伪造企业');
      m.set('handler', '真实的经办人');
    });
    await waitFor(() => lead.rejections.length >= 5, 'rejections');
    expect(lead.rejections.map((r) => r.code).sort()).toEqual([
      'FIELD_OWNED_BY_OFFICE',
      'FIELD_SERVER_OWNED',
      'UNKNOWN_FIELD',
      'UNKNOWN_FIELD',
      'UNKNOWN_FIELD',
    ]);
    await waitFor(() => readCase(lead.doc, mine)?.fields.status === 'handling', 'the sender converges back');
    expect(readCase(lead.doc, mine)?.fields.handler).toBe('真实的经办人');
    // creating another unit's case id is refused exactly like creating any case: nothing tells the unit it exists
    for (const [attack, code] of [
      [(d: Y.Doc) => casesOf(d).set(theirs, new Y.Map<unknown>() as never), 'CASE_CREATE_FORBIDDEN'],
      [(d: Y.Doc) => casesOf(d).set('c-不存在', new Y.Map<unknown>() as never), 'CASE_CREATE_FORBIDDEN'],
      [(d: Y.Doc) => casesOf(d).delete(mine), 'CASE_DELETE_FORBIDDEN'],
    ] as const) {
      const rogue = t.h.connect(`unit:${t.s.units.lead}`, t.s.tokens.lead);
      await rogue.synced();
      attack(rogue.doc);
      await waitFor(() => rogue.closeCodes.includes(1007), 'the rogue client closed with 1007');
      expect(rogue.rejections.map((r) => [r.code, r.message])).toEqual([[code, expect.any(String)]]);
      rogue.destroy();
    }
    expect(readCase(lead.doc, theirs)).toBeNull();
    const web = await t.h.ok<{ fields: Record<string, unknown> }>(ADMIN_TOKEN, 'GET', `/api/cases/${mine}`);
    expect(web.fields.status).toBe('handling');
    expect(web.fields.company).not.toBe('伪造企业');
    expect(readCase(lead.doc, theirs)).toBeNull();
    await assertConsistent(t.h, [{ room: `unit:${t.s.units.lead}`, token: t.s.tokens.lead }]);
    await assertRoomAlive(t.h, `unit:${t.s.units.lead}`, t.s.tokens.lead, mine, 'nextPlan', '下一步继续跟进');
  });
});

async function roomIds(harness: Harness, room: string, token: string): Promise<string[]> {
  const c = harness.connect(room, token);
  await c.synced();
  const ids = [...casesOf(c.doc).keys()];
  c.destroy();
  return ids;
}
