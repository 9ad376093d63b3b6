// IMP5/IMP6: the add-in's upload of an existing 台账 (the sheet's cells as JSON) against the real server route.
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../addin/client/api';
import type { GridCell } from '../../../shared/import/types';
import { bench } from '../../sync-server/http/harness';
import { SAMPLE_HEADER, SAMPLE_ROWS, SAMPLE_TITLE } from '../ledger-sample';

const cells = (): GridCell[][] => [[SAMPLE_TITLE], [...SAMPLE_HEADER], ...SAMPLE_ROWS.map((r) => [...r])];

describe("IMP5/IMP6: the pane's upload on the real route", () => {
  it('IMP5/IMP6: previews, imports with new units, then finds the same sheet unchanged', async () => {
    const b = await bench('2025-12-15T10:00:00+08:00');
    const toApp = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      return b.app.request(url.pathname + url.search, init);
    };
    const api = new ApiClient({ baseUrl: 'http://t', token: b.tokens.office, fetch: toApp });
    const upload = { fileName: '枣阳台账.xlsx', sheet: '台账', cells: cells() };
    const preview = await api.importLedger(upload, { dryRun: true, createUnits: true, skipInvalid: false });
    expect(preview).toMatchObject({ headerRow: 2, rows: 15, created: 15 });
    expect((await api.listCases()).length).toBe(0);
    const done = await api.importLedger(upload, { dryRun: false, createUnits: true, skipInvalid: false });
    expect(done.created).toBe(15);
    const all = await api.listCases();
    expect(all.find((c) => c.fields.code === '〔2025〕11号')?.fields).toMatchObject({ status: 'handling', round: 2 });
    expect((await api.importLedger(upload, { dryRun: false, createUnits: true, skipInvalid: false })).unchanged).toBe(
      15,
    );
    const unit = new ApiClient({ baseUrl: 'http://t', token: b.tokens.lead, fetch: toApp });
    await expect(
      unit.importLedger(upload, { dryRun: true, createUnits: false, skipInvalid: false }),
    ).rejects.toMatchObject({
      status: 403,
      code: 'FORBIDDEN_ROLE',
    });
  });
});
