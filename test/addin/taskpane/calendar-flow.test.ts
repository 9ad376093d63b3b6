// ADDIN40/CAL7 in the pane: the banner while deadlines are estimates; the office's form checks, sends and lists moved deadlines.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../addin/client/api';
import { CalendarFlow } from '../../../addin/taskpane/calendar-flow';
import type { Me } from '../../../shared/contract/http';
import type { Bench } from '../../sync-server/http/harness';
import { bench } from '../../sync-server/http/harness';
import type { FakeElement } from './fake-dom';
import { installFakeDocument } from './fake-dom';
import { NOTICE_2027 } from '../../fixtures/holiday-notices';

let restore: () => void;
beforeAll(() => {
  restore = installFakeDocument();
});
afterAll(() => restore());

const NOTICE = NOTICE_2027;

let b: Bench;
let sent: string[];
beforeEach(async () => {
  b = await bench('2026-12-20T10:00:00+08:00');
  await b.assigned({ receivedAt: '2026-12-20' }, { kind: 'complex' });
  await b.ledger.whenDurable();
  sent = [];
});

function session(who: 'office' | 'lead') {
  const me: Me =
    who === 'office'
      ? { id: 'o', name: '营商办张三', role: 'office', unitId: null, unitName: null, room: 'ledger' }
      : { id: 'l', name: '李四', role: 'unit', unitId: b.units.lead, unitName: '市市场监管局', room: 'x' };
  const api = new ApiClient({
    baseUrl: 'https://ledger.test',
    token: b.tokens[who],
    fetch: async (input, init) => {
      const url = new URL(String(input));
      sent.push(`${String(init?.method)} ${url.pathname}`);
      return b.app.request(url.pathname + url.search, init);
    },
  });
  return { me, api };
}

function flowFor(who: 'office' | 'lead') {
  const notes: string[] = [];
  const s = session(who);
  const flow = new CalendarFlow({
    notify: (_tone, text) => void notes.push(text),
    tokenRejected: () => undefined,
    scheduleRefresh: () =>
      flow.update(s, b.ledger.visibleCases({ userId: s.me.id, name: s.me.name, role: s.me.role, unitId: s.me.unitId })),
  });
  const el = flow.element as unknown as FakeElement;
  const find = (test: string) => el.all().find((e) => e.getAttribute('data-test') === test);
  const refresh = () =>
    flow.update(s, b.ledger.visibleCases({ userId: s.me.id, name: s.me.name, role: s.me.role, unitId: s.me.unitId }));
  return { flow, el, find, notes, refresh };
}

describe('ADDIN40 the holiday-notice banner and its upload form', () => {
  it('the office sees the banner with the form; a bad paste is refused in the pane and nothing is sent', async () => {
    const { flow, el, find, refresh } = flowFor('office');
    refresh();
    expect(find('calendar-text')?.textContent).toBe(
      '2027 年节假日安排尚未导入，1 件诉求的办结时限为估算。请导入国务院办公厅发布的节假日安排，办结时限将自动重新计算。',
    );
    const paste = find('calendar-paste') as FakeElement;
    for (const [text, reason] of [
      ['', '请选择节假日安排文件'],
      ['{"year":2027,', '不是有效的 JSON'],
      ['{"year":2027,"days":[],"__proto__":{}}', '__proto__'],
      [
        JSON.stringify({ ...NOTICE, days: [{ name: '国庆节', date: '2026-10-01', isOffDay: true }] }),
        '不在文件声明的 2027 年内',
      ],
    ]) {
      paste.value = text ?? '';
      await flow.submit();
      expect(find('calendar-status')?.textContent).toContain(reason);
    }
    expect(sent).toEqual([]);
    expect(el.textContent).not.toContain('已导入');
  });

  it('a good paste is sent once; the moved deadline is listed; the banner goes once nothing is an estimate', async () => {
    const { flow, find, notes, refresh } = flowFor('office');
    refresh();
    (find('calendar-paste') as FakeElement).value = JSON.stringify(NOTICE);
    await flow.submit();
    expect(sent).toEqual(['PUT /api/calendar/2027']);
    expect(notes).toEqual(['已导入 2027 年节假日安排（31 天），1 件诉求的办结时限已重新计算']);
    expect(find('calendar-banner')).toBeUndefined();
    expect(find('calendar-result')?.textContent).toContain('〔2026〕1号：2027-01-15 → 2027-01-18');
  });

  it('a unit gets the banner for information only, without the form', () => {
    const { el, find, refresh } = flowFor('lead');
    refresh();
    expect(find('calendar-text')?.textContent).toBe(
      '2027 年节假日安排尚未导入，1 件诉求的办结时限为估算，市营商办导入节假日安排后将自动更新。',
    );
    expect(el.all().some((e) => e.tagName === 'TEXTAREA' || e.tagName === 'INPUT')).toBe(false);
  });
});
