// Attack 7 (values): the wire stores exactly what HTTP would — normalised, validated — and nothing that cannot survive a restart.
import { beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { casesOf, readCase } from '../../../shared/ydoc-layout';
import { ADMIN_TOKEN, Harness, waitFor } from '../integration/harness';
import { sceneForEachTest, assertConsistent, handlingCase } from './invariants';

const t = sceneForEachTest();
let caseId: string;

beforeEach(async () => {
  caseId = await handlingCase(t.h, t.s);
});

async function fields(): Promise<Record<string, unknown>> {
  return (await t.h.ok<{ fields: Record<string, unknown> }>(ADMIN_TOKEN, 'GET', `/api/cases/${caseId}`)).fields;
}

describe('hostile: values on the wire', () => {
  it('VAL6: padded choices and blank text are stored normalised, the same for every reader and after a restart', async () => {
    const lead = t.h.connect(`unit:${t.s.units.lead}`, t.s.tokens.lead);
    const office = t.h.connect('ledger', ADMIN_TOKEN);
    await Promise.all([lead.synced(), office.synced()]);
    const m = casesOf(lead.doc).get(caseId) as unknown as Y.Map<unknown>;
    lead.doc.transact(() => {
      m.set('feedbackMethod', '  电话  ');
      m.set('handler', '   ');
      m.set('findings', '  已到现场核查  ');
    });
    await waitFor(
      () => readCase(office.doc, caseId)?.fields.findings === '已到现场核查',
      'the office sees the normalised value',
    );
    await waitFor(() => readCase(lead.doc, caseId)?.fields.feedbackMethod === '电话', 'the sender is corrected too');
    expect(readCase(office.doc, caseId)?.fields.feedbackMethod).toBe('电话');
    expect(readCase(office.doc, caseId)?.fields.handler ?? null).toBeNull();
    expect(await fields()).toMatchObject({ feedbackMethod: '电话', handler: null, findings: '已到现场核查' });
    const dir = t.h.dataDir;
    await t.h.stop(false);
    t.h = await Harness.start(dir);
    expect(await fields()).toMatchObject({ feedbackMethod: '电话', handler: null, findings: '已到现场核查' });
    await assertConsistent(t.h, [{ room: `unit:${t.s.units.lead}`, token: t.s.tokens.lead }]);
  });

  it('VAL7: a 反馈日期 of 2099-12-31 is refused on the wire exactly as the 承办单 form refuses it', async () => {
    const lead = t.h.connect(`unit:${t.s.units.lead}`, t.s.tokens.lead);
    await lead.synced();
    (casesOf(lead.doc).get(caseId) as unknown as Y.Map<unknown>).set('feedbackAt', '2099-12-31');
    await waitFor(() => lead.rejections.length > 0, 'refusal');
    expect(lead.rejections.map((r) => [r.field, r.code])).toEqual([['feedbackAt', 'DATE_IN_FUTURE']]);
    expect((await fields()).feedbackAt).toBeNull();
    const http = await t.h.api(t.s.tokens.lead, 'POST', `/api/cases/${caseId}/feedback`, {
      findings: '核查',
      measures: '办理',
      feedbackAt: '2099-12-31',
      feedbackMethod: '电话',
      companyVerdict: '满意',
      writtenReply: '否',
      handler: '张三',
      handlerPhone: '13812345678',
    });
    expect(http.status).toBe(400);
    expect((http.body as { error: { code: string } }).error.code).toBe('DATE_IN_FUTURE');
  });

  it('VAL6: a lone surrogate is refused over HTTP; on the wire UTF-8 carries U+FFFD, and memory equals storage after a restart', async () => {
    // JSON can carry "\ud800": the server would hold it in memory and store U+FFFD, so it is refused
    const raw = `{"receivedAt":"2026-09-28","channel":"热线电话","company":"企业\\ud800","contactName":"刘","contactPhone":"13812345678","summary":"s","category":"1.行政许可、政务服务不予受理或不按程序时限办理"}`;
    const res = await fetch(`${t.h.url}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: raw,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
    const lead = t.h.connect(`unit:${t.s.units.lead}`, t.s.tokens.lead);
    const office = t.h.connect('ledger', ADMIN_TOKEN);
    await Promise.all([lead.synced(), office.synced()]);
    (casesOf(lead.doc).get(caseId) as unknown as Y.Map<unknown>).set('findings', '核查情况\uD800');
    await waitFor(() => typeof readCase(office.doc, caseId)?.fields.findings === 'string', 'the edit arrives');
    const before = (await fields()).findings;
    expect(before).toBe('核查情况\uFFFD');
    const dir = t.h.dataDir;
    await t.h.stop(false);
    t.h = await Harness.start(dir);
    expect((await fields()).findings).toBe(before);
    await assertConsistent(t.h);
  });
});
