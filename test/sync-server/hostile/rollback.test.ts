// Total enforcement: an exception anywhere in check, compensation, projection or Yjs itself rolls the whole update back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { casesOf, readCase } from '../../../shared/ydoc-layout';
import { ADMIN_TOKEN, waitFor } from '../integration/harness';
import { sceneForEachTest, assertConsistent, assertRoomAlive, handlingCase } from './invariants';

const t = sceneForEachTest();
let caseId: string;

beforeEach(async () => {
  caseId = await handlingCase(t.h, t.s);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The lead unit writes `handler` while `fault` is armed; returns what observers saw. */
async function editUnderFault(arm: () => void, value = '故障时写入') {
  const lead = t.h.connect(`unit:${t.s.units.lead}`, t.s.tokens.lead);
  const peer = t.h.connect(`unit:${t.s.units.lead}`, t.s.tokens.lead);
  const office = t.h.connect('ledger', ADMIN_TOKEN);
  await Promise.all([lead.synced(), peer.synced(), office.synced()]);
  const seen: unknown[] = [];
  for (const c of [peer, office])
    c.doc.on('afterTransaction', () => seen.push(readCase(c.doc, caseId)?.fields.handler));
  arm();
  (casesOf(lead.doc).get(caseId) as unknown as Y.Map<unknown>).set('handler', value);
  await waitFor(() => lead.rejections.some((r) => r.code === 'INTERNAL'), 'the sender told');
  const atRefusal = { seen: [...seen], mirror: t.h.server.ledger.projection.case(caseId)?.fields.handler ?? null };
  await waitFor(
    () => lead.closeCodes.includes(1011),
    'the sender closed with 1011 (its document holds what the room no longer has)',
  );
  return atRefusal;
}

/** SYNC3: the sender reconnects and sends its edit again; once the fault is gone it is accepted — nothing is lost. */
async function acceptedAfterReconnect(value = '故障时写入'): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const web = await t.h.ok<{ fields: Record<string, unknown> }>(ADMIN_TOKEN, 'GET', `/api/cases/${caseId}`);
    if (web.fields.handler === value) return;
    if (Date.now() > deadline)
      throw new Error(`the resent edit never arrived (handler = ${String(web.fields.handler)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('hostile: exceptions inside enforcement', () => {
  it('SYNC3: a throw after Yjs applied the update (in the permission lookup) rolls the room back; nobody sees the edit', async () => {
    const projection = t.h.server.ledger.projection;
    const { seen, mirror } = await editUnderFault(() => {
      vi.spyOn(projection, 'caseForUnit').mockImplementationOnce(() => {
        throw new Error('injected: lookup failed');
      });
    });
    expect(seen).not.toContain('故障时写入');
    expect(mirror).toBeNull();
    await acceptedAfterReconnect();
    await assertRoomAlive(t.h, `unit:${t.s.units.lead}`, t.s.tokens.lead, caseId, 'handler', '故障之后的经办人');
    await assertConsistent(t.h, [{ room: `unit:${t.s.units.lead}`, token: t.s.tokens.lead }]);
  });

  it('SYNC4: a throw half way through the projection (ledger written, unit rooms not) rolls every room and the mirror back', async () => {
    const projection = t.h.server.ledger.projection;
    const commit = projection.commit.bind(projection);
    const { seen, mirror } = await editUnderFault(() => {
      vi.spyOn(projection, 'commit').mockImplementationOnce((...args) => {
        commit(...args);
        throw new Error('injected: projection failed after writing');
      });
    });
    expect(seen).not.toContain('故障时写入');
    expect(mirror).toBeNull();
    await acceptedAfterReconnect();
    await assertRoomAlive(t.h, `unit:${t.s.units.lead}`, t.s.tokens.lead, caseId, 'handler', '故障之后的经办人');
    await assertConsistent(t.h, [
      { room: `unit:${t.s.units.lead}`, token: t.s.tokens.lead },
      { room: `unit:${t.s.units.co}`, token: t.s.tokens.co },
    ]);
  });

  it('SYNC3: a throw inside Yjs’ own transaction cleanup (which would leave the document frozen) rebuilds the room', async () => {
    const { seen } = await editUnderFault(() => {
      const doc = t.h.server.ledger.doc(`unit:${t.s.units.lead}`);
      const boom = () => {
        doc.off('update', boom);
        throw new Error('injected: update listener failed');
      };
      doc.on('update', boom);
    });
    expect(seen).not.toContain('故障时写入');
    await acceptedAfterReconnect();
    expect(t.h.server.ledger.doc(`unit:${t.s.units.lead}`)._transactionCleanups).toHaveLength(0);
    await assertRoomAlive(t.h, `unit:${t.s.units.lead}`, t.s.tokens.lead, caseId, 'handler', '故障之后的经办人');
    await assertConsistent(t.h, [{ room: `unit:${t.s.units.lead}`, token: t.s.tokens.lead }]);
  });

  it('NUM1/STORE5: a command that throws half way changes nothing: no case, no number used, no audit', async () => {
    const projection = t.h.server.ledger.projection;
    const commit = projection.commit.bind(projection);
    const first = await t.h.ok<{ code: string }>(ADMIN_TOKEN, 'POST', '/api/cases', { ...REG });
    vi.spyOn(projection, 'commit').mockImplementationOnce((...args) => {
      commit(...args);
      throw new Error('injected: register failed after writing');
    });
    const failed = await t.h.api(ADMIN_TOKEN, 'POST', '/api/cases', { ...REG, company: '失败的登记' });
    expect(failed.status).toBe(500);
    const next = await t.h.ok<{ code: string }>(ADMIN_TOKEN, 'POST', '/api/cases', { ...REG });
    expect([first.code, next.code]).toEqual(['〔2026〕2号', '〔2026〕3号']);
    const cases = await t.h.ok<{ cases: { company: string }[] }>(ADMIN_TOKEN, 'GET', '/api/cases');
    expect(cases.cases.map((c) => c.company)).not.toContain('失败的登记');
    await assertConsistent(t.h);
  });
});

const REG = {
  receivedAt: '2026-09-28',
  channel: '热线电话',
  company: '枣阳市汉光机械有限公司',
  contactName: '刘经理',
  contactPhone: '13812345678',
  summary: '施工许可超期未办结',
  category: '1.行政许可、政务服务不予受理或不按程序时限办理',
};
