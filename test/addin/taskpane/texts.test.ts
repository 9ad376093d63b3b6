// The pane's Chinese texts: who, connection state, due list order, statistics cells, credentials storage, server origin.
import { describe, expect, it } from 'vitest';
import type { CaseData } from '../../../shared/case';
import { addinStorage, forgetCredentials, loadCredentials, saveCredentials } from '../../../addin/client/credentials';
import { dueList } from '../../../addin/taskpane/due-list';
import { checkChoice, defaultChoice, periodInput } from '../../../addin/taskpane/stats-period';
import { RATE_NOTES, percent, statsModel } from '../../../addin/taskpane/stats-view';
import { ZERO_FIGURES } from '../../../shared/stats/figures';
import { WHOLE_PERIOD } from '../../../shared/stats/period';
import { compositeScore, ratesOf } from '../../../shared/stats/rates';
import { connectionText, refusalMessage, whoText } from '../../../addin/taskpane/status-text';

const c = (id: string, warning: string, dueAt: string | null, code = id): CaseData => ({
  id,
  fields: { code, company: `公司${id}`, warning, dueAt },
});

describe('texts', () => {
  it('ADDIN4, ADDIN5: say who is signed in and how the connection is', () => {
    expect(whoText({ id: 'u', name: '李四', role: 'unit', unitId: 'x', unitName: '市税务局', room: 'unit:x' })).toBe(
      '李四 · 承办单位（市税务局）',
    );
    expect(whoText({ id: 'u', name: '张三', role: 'office', unitId: null, unitName: null, room: 'ledger' })).toBe(
      '张三 · 市营商办',
    );
    expect(connectionText({ kind: 'connecting', cases: 0 }).text).toBe('正在连接台账服务器…');
    expect(connectionText({ kind: 'syncing', cases: 12 }).text).toBe('正在同步…（已载入 12 件诉求）');
    expect(connectionText({ kind: 'online', cases: 3 })).toEqual({ text: '在线 · 已同步 3 件诉求', tone: 'ok' });
    expect(connectionText({ kind: 'offline', pending: 2 })).toEqual({
      text: '离线 · 2 项修改待同步（恢复连接后自动发送）',
      tone: 'warn',
    });
    expect(connectionText({ kind: 'offline', pending: 0 }).text).toBe('离线 · 没有待同步的修改');
    expect(connectionText({ kind: 'refused', code: 4401, message: '令牌无效或已吊销，请重新登录' }).tone).toBe('error');
    expect(refusalMessage('此列由系统根据办理流程填写，不能直接修改', null)).toBe(
      '已撤销：此列由系统根据办理流程填写，不能直接修改',
    );
  });

  it('ADDIN3: list overdue before due-soon, each by due time, and nothing else', () => {
    const items = dueList([
      c('a', 'dueSoon', '2026-10-02T23:59:59+08:00'),
      c('b', 'overdue', '2026-10-01T23:59:59+08:00'),
      c('n', 'normal', null),
      c('d', 'overdue', '2026-09-20T23:59:59+08:00'),
      c('e', 'dueSoon', '2026-10-01T12:00:00+08:00'),
    ]);
    expect(items.map((i) => i.id)).toEqual(['d', 'b', 'e', 'a']);
    expect(items[0]).toEqual({
      id: 'd',
      warning: 'overdue',
      label: '超期',
      title: 'd 公司d',
      due: '办结时限 2026-09-20 23:59',
    });
    expect(items[2]?.label).toBe('临期');
  });

  it('ADDIN3/IMP4: list 待补全 imported cases after the overdue and due-soon ones, saying what is missing', () => {
    const items = dueList([c('i', 'incomplete', null), c('b', 'overdue', '2026-10-01T23:59:59+08:00')]);
    expect(items.map((i) => [i.id, i.label])).toEqual([
      ['b', '超期'],
      ['i', '待补全'],
    ]);
    expect(items[1]?.due).toContain('补全信息');
  });

  it('ADDIN30/STAT9: statistics as a card per unit with percentages, the totals, the cuts and a note', () => {
    const zero = { ...ZERO_FIGURES, ...ratesOf(ZERO_FIGURES) };
    const m = statsModel({
      units: [
        {
          ...zero,
          unitId: 'u',
          unitName: '市税务局',
          overdueSupervisions: 1,
          received: 4,
          closed: 2,
          responded: 3,
          round1OnTime: 2,
          round1Late: 1,
          finalVisited: 1,
          finalSatisfied: 1,
          onTimeRate: 0.6667,
          satisfactionRate: 1,
          responseRate: 0.75,
          resolutionRate: 0.5,
          score: 86.67,
          rank: 1,
        },
        { ...zero, unitId: 'v', unitName: '市住建局', score: null, rank: null, overdueSupervisions: 0 },
      ],
      totals: { ...zero, received: 4 },
      period: WHOLE_PERIOD,
      byCategory: [{ key: '3.涉企优惠政策不落实', ...zero, received: 4, resolutionRate: 0.5 }],
      byChannel: [],
      overdueSupervisions: 1,
    });
    expect(m.units.map((u) => [u.title, u.score])).toEqual([
      ['市税务局', '综合得分 86.67 · 第 1 名'],
      ['市住建局', '无可计项，不排名'],
    ]);
    expect(m.units[0]?.key.map(({ label, value }) => ({ label, value }))).toEqual([
      { label: '按时反馈率', value: '66.7%（2/3 轮）' },
      { label: '最终满意率', value: '100.0%（1/1 件）' },
      { label: '响应率', value: '75.0%（3/4 件）' },
      { label: '办结率', value: '50.0%（2/4 件）' },
    ]);
    expect(m.units[1]?.key.map((p) => p.value)).toEqual(['—', '—', '—', '—']);
    expect(m.units[0]?.details).toContainEqual({ label: '受理', value: '4' });
    expect(m.units[0]?.details).toContainEqual({ label: '逾期未回复督办单（当前）', value: '1' });
    expect(m.byCategory.rows).toEqual([['3.涉企优惠政策不落实', '4', '50.0%', '—']]);
    expect(m.note).toBe('逾期未回复的督办单：1 件');
    expect(percent(0)).toBe('0.0%');
  });

  it('ADDIN81: each key rate shows what it counts (part/whole) and carries its definition', () => {
    const figures = { ...ZERO_FIGURES, received: 3, rejected: 1, round1OnTime: 1, round1Late: 1, responded: 1 };
    const row = { ...figures, ...ratesOf(figures) };
    const m = statsModel({
      units: [{ ...row, unitId: 'u', unitName: '市税务局', score: 40, rank: 1, overdueSupervisions: 0 }],
      totals: row,
      period: WHOLE_PERIOD,
      byCategory: [],
      byChannel: [],
      overdueSupervisions: 0,
    });
    // 按时反馈率 50% next to 已办结 0 is not a contradiction once the rate says it counts feedback rounds
    expect(m.units[0]?.key.map((p) => `${p.label} ${p.value}`)).toEqual([
      '按时反馈率 50.0%（1/2 轮）',
      '最终满意率 —',
      '响应率 50.0%（1/2 件）',
      '办结率 0.0%（0/2 件）',
    ]);
    for (const p of m.units[0]?.key ?? []) expect(p.note).toMatch(/÷/);
  });

  it('STAT5/STAT10: the notes say what the figures do: the latest verdict counts; no 回访 yet scores 0 for satisfaction', () => {
    const note = (term: string) => RATE_NOTES.find((n) => n.term === term)?.text ?? '';
    expect(note('最终满意率')).toContain('回头看');
    // a unit that fed back on time but recorded no 回访: only the 40 of 及时性, not 100 re-weighted
    expect(compositeScore({ ...ratesOf({ ...ZERO_FIGURES, responded: 1, round1OnTime: 1 }), responded: 1 })).toBe(40);
    expect(note('综合得分')).toContain('两项满意度按 0 计');
  });

  it('ADDIN30/STAT2: the period choice becomes the query, checked by the shared rule before anything is sent', () => {
    const base = defaultChoice('2026-11-30');
    expect(base).toMatchObject({ kind: 'all', year: '2026', quarter: '4', month: '11', to: '2026-11-30' });
    expect(periodInput(base)).toEqual({});
    expect(periodInput({ ...base, kind: 'quarter', quarter: '2' })).toEqual({ year: '2026', quarter: '2' });
    expect(periodInput({ ...base, kind: 'month' })).toEqual({ year: '2026', month: '11' });
    expect(periodInput({ ...base, kind: 'range', from: '' })).toEqual({ to: '2026-11-30' });
    const bad = checkChoice({ ...base, kind: 'range', from: '2026-12-01' });
    expect(bad.ok ? null : [bad.error.code, bad.error.message]).toEqual(['INVALID_PERIOD', '开始日期不能晚于结束日期']);
    const noYear = checkChoice({ ...base, kind: 'year', year: ' ' });
    expect(noYear.ok).toBe(false);
  });

  it('ADDIN4: keep the sign-in in the add-in storage (OfficeRuntime.storage when present, localStorage otherwise)', async () => {
    const runtime = new Map<string, string>();
    const scope = {
      OfficeRuntime: {
        storage: {
          getItem: async (k: string) => runtime.get(k) ?? null,
          setItem: async (k: string, v: string) => void runtime.set(k, v),
          removeItem: async (k: string) => void runtime.delete(k),
        },
      },
    } as unknown as typeof globalThis;
    const store = addinStorage(scope);
    expect(await loadCredentials(store)).toBeNull();
    const me = { id: 'u1', name: '李四', role: 'unit' as const, unitId: 'x', unitName: '市税务局', room: 'unit:x' };
    await saveCredentials(store, { serverUrl: 'https://s', token: 'u1.secret', me });
    expect([...runtime.keys()]).toEqual(['qiye-ledger.credentials']);
    expect(await loadCredentials(store)).toEqual({ serverUrl: 'https://s', token: 'u1.secret', me });
    await forgetCredentials(store);
    expect(await loadCredentials(store)).toBeNull();
    runtime.set('qiye-ledger.credentials', '{broken');
    expect(await loadCredentials(store)).toBeNull();

    const ls = new Map<string, string>();
    const local = addinStorage({
      localStorage: {
        getItem: (k: string) => ls.get(k) ?? null,
        setItem: (k: string, v: string) => ls.set(k, v),
        removeItem: (k: string) => ls.delete(k),
      },
    } as unknown as typeof globalThis);
    await saveCredentials(local, { serverUrl: 'https://s', token: 't', me: null });
    expect(ls.size).toBe(1);
    const memory = addinStorage({} as typeof globalThis);
    await saveCredentials(memory, { serverUrl: 'https://s', token: 't', me: null });
    expect((await loadCredentials(memory))?.token).toBe('t');
  });
});
