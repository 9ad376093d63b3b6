// ADDIN65: the form's context line — the 督办 being answered, the extension asked, the reply deadline a 督办 sets.
import { describe, expect, it } from 'vitest';
import { formSpec } from '../../../addin/taskpane/forms';
import type { CaseData } from '../../../shared/case';

const c = (fields: CaseData['fields']): CaseData => ({
  id: 'c1',
  fields: { status: 'handling', kind: 'general', ...fields },
});
const ctx = (x: CaseData) => ({ case: x, units: [], today: '2026-11-30' });

describe('ADDIN65: forms show their context', () => {
  it('ADDIN65: 督办回复 quotes the open 督办单, 延期审批 the request, 督办 the reply deadline it will set', () => {
    const supervised = c({
      supervisionDueAt: '2026-12-05T23:59:59+08:00',
      supervision:
        '〔2026〕督1号 2026-11-01 督办：旧\n2026-11-02 督办回复：已办\n〔2026〕督2号 2026-11-30 督办：请加快；请于 2026-12-05 前回复',
    });
    expect(formSpec('supervise-reply', ctx(supervised)).context).toBe(
      '答复的督办单：〔2026〕督2号 2026-11-30 督办：请加快；请于 2026-12-05 前回复',
    );
    const asked = c({ extensionPending: 3, extension: '2026-11-29 申请延期3个工作日：需现场核查' });
    expect(formSpec('extension-decision', ctx(asked)).context).toBe(
      '待审批：申请延期 3 个工作日（2026-11-29 申请延期3个工作日：需现场核查）',
    );
    expect(formSpec('supervise', ctx(c({}))).context).toBe('下发后，承办单位须在 2026-12-05 前回复（5 日内）');
    expect(formSpec('feedback', ctx(c({}))).context).toBeUndefined();
  });
});
