// CAL5/STORE20: an uploaded notice is kept in the SQLite file: after a restart the same calendar is in use.
import { afterEach, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../shared/vocabulary';
import { parseIsoTime } from '../../../shared/time';
import { ADMIN_TOKEN, Harness, tempDir } from './harness';
import { NOTICE_2027 } from '../../fixtures/holiday-notices';

const NOW = parseIsoTime('2026-12-20T10:00:00+08:00') ?? 0;

let h: Harness | null = null;
afterEach(async () => {
  await h?.stop();
  h = null;
});

type Fields = { fields: Record<string, unknown> };

async function assignedComplex(server: Harness, unitId: string): Promise<string> {
  const reg = await server.ok<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/cases', {
    receivedAt: '2026-12-20',
    channel: '热线电话',
    company: '某某机械有限公司',
    contactName: '刘先生',
    contactPhone: '13812345678',
    summary: '施工许可',
    category: CATEGORIES[0],
  });
  await server.ok(ADMIN_TOKEN, 'POST', `/api/cases/${reg.id}/assign`, { leadUnit: unitId, kind: 'complex' });
  return reg.id;
}

describe('CAL5, STORE20 the uploaded year survives a restart of the server on the same SQLite file', () => {
  it('deadlines and the calendar are the same after the restart; a new case is counted with the notice', async () => {
    const dir = tempDir();
    h = await Harness.start(dir, {}, () => NOW);
    const unit = await h.ok<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/units', { name: '市市场监管局' });
    const first = await assignedComplex(h, unit.id);
    const loaded = await h.api<{ changed: unknown[] }>(ADMIN_TOKEN, 'PUT', '/api/calendar/2027', NOTICE_2027);
    expect([loaded.status, loaded.body.changed.length]).toEqual([201, 1]);
    await h.stop(false);

    h = await Harness.start(dir, {}, () => NOW);
    const info = await h.ok<{ years: { year: number; source: string; days: number | null }[] }>(
      ADMIN_TOKEN,
      'GET',
      '/api/calendar',
    );
    expect(info.years.at(-1)).toMatchObject({ year: 2027, source: 'uploaded', days: 31 });
    const kept = await h.ok<Fields>(ADMIN_TOKEN, 'GET', `/api/cases/${first}`);
    expect([kept.fields.dueAt, kept.fields.dueNote]).toEqual(['2027-01-18T23:59:59+08:00', null]);
    const second = await h.ok<Fields>(ADMIN_TOKEN, 'GET', `/api/cases/${await assignedComplex(h, unit.id)}`);
    expect([second.fields.dueAt, second.fields.dueNote]).toEqual(['2027-01-18T23:59:59+08:00', null]);
  });
});
