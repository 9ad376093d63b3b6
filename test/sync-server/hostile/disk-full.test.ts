// Attack 5: the disk fills up under a running server — nothing refused stays in memory, and it recovers without a restart.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { casesOf } from '../../../shared/ydoc-layout';
import type { Connection } from '../../../sync-server/store/sqlite-db';
import type { DiskPath } from '../disk';
import { fillDisk, mountSmallDisk, unmount } from '../disk';
import { ADMIN_TOKEN, Harness, REGISTRATION, scene, waitFor } from '../integration/harness';
import { assertConsistent } from './invariants';

const root = mkdtempSync(join(tmpdir(), 'ledger-disk-full-'));
const disk = join(root, 'disk');
let mode: DiskPath = 'max_page_count';
let writer: Connection | null = null;

/** A 24 MiB tmpfs when mounting is permitted (root here and in CI); otherwise SQLite's page cap gives the same SQLITE_FULL. */
beforeAll(() => {
  mkdirSync(disk);
  mode = mountSmallDisk(disk, '24m');
  console.info(
    `[disk-full] ${mode === 'tmpfs' ? 'a real 24 MiB tmpfs filled by a filler file' : 'PRAGMA max_page_count (mounting not permitted)'}`,
  );
});

afterAll(() => {
  if (mode === 'tmpfs') unmount(disk);
  rmSync(root, { recursive: true, force: true });
});

function fill(): Promise<unknown> | void {
  if (mode !== 'tmpfs') return writer?.get('PRAGMA max_page_count = 1');
  fillDisk(join(disk, 'filler'));
}

function free(): Promise<unknown> | void {
  if (mode !== 'tmpfs') return writer?.get('PRAGMA max_page_count = 1073741823');
  rmSync(join(disk, 'filler'));
}

const codes = async (h: Harness) =>
  (await h.ok<{ cases: { code: string; company: string }[] }>(ADMIN_TOKEN, 'GET', '/api/cases')).cases;

describe('hostile: the disk fills up', () => {
  it('STORE9/SYNC12: refused writes leave nothing in memory; /health degrades; the server recovers when space returns, numbering unbroken', async () => {
    const dataDir = join(disk, 'data');
    let h = await Harness.start(dataDir, {}, undefined, {
      storeOptions: {
        onWriter: async (c) => {
          writer = c;
        },
      },
    });
    const s = await scene(h);
    for (let i = 0; i < 3; i++)
      await h.ok(ADMIN_TOKEN, 'POST', '/api/cases', { ...REGISTRATION, company: `满盘前企业${i}` });
    const office = h.connect('ledger', ADMIN_TOKEN);
    await office.synced();
    await fill();
    // keep working as a clerk would until the disk refuses: WAL space already allocated may still take a few writes
    let refused: { status: number; body: unknown } | null = null;
    let company = '';
    for (let i = 0; i < 400 && refused === null; i++) {
      company = `满盘时企业${i}`;
      const r = await h.api(ADMIN_TOKEN, 'POST', '/api/cases', {
        ...REGISTRATION,
        company,
        summary: '反映'.repeat(900),
      });
      if (r.status !== 201) refused = r;
    }
    expect(refused?.status).toBe(503);
    expect((refused?.body as { error: { code: string } }).error.code).toBe('STORAGE_UNAVAILABLE');
    expect((await codes(h)).map((c) => c.company)).not.toContain(company);
    const health = await fetch(`${h.url}/health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { status: string }).status).toBe('degraded');
    await waitFor(() => office.closeCodes.includes(1013), 'sync clients told to come back later (1013)');
    expect((await h.api(ADMIN_TOKEN, 'POST', '/api/cases', { ...REGISTRATION, company: '仍然满盘' })).status).toBe(503);
    const before = await codes(h);
    const lastNumber = Number(/〔2026〕(\d+)号/.exec(before[before.length - 1]?.code ?? '')?.[1]);

    // the clerk goes on working offline; the edit waits in the client
    const caseId = (await h.ok<{ cases: { id: string }[] }>(ADMIN_TOKEN, 'GET', '/api/cases')).cases[0]?.id as string;
    (casesOf(office.doc).get(caseId) as unknown as Y.Map<unknown>).set('address', '离线期间填写的地址');

    await free();
    const recovered = Date.now();
    for (;;) {
      if ((await fetch(`${h.url}/health`)).status === 200) break;
      if (Date.now() - recovered > 20_000) throw new Error('the server never recovered');
      await new Promise((r) => setTimeout(r, 100));
    }
    const next = await h.ok<{ code: string }>(ADMIN_TOKEN, 'POST', '/api/cases', {
      ...REGISTRATION,
      company: '恢复后企业',
    });
    expect(next.code).toBe(`〔2026〕${lastNumber + 1}号`);
    for (const deadline = Date.now() + 20_000; ;) {
      const f = await h.ok<{ fields: Record<string, unknown> }>(ADMIN_TOKEN, 'GET', `/api/cases/${caseId}`);
      if (f.fields.address === '离线期间填写的地址') break;
      if (Date.now() > deadline) throw new Error('the offline edit never arrived after recovery');
      await new Promise((r) => setTimeout(r, 100));
    }
    await assertConsistent(h, [{ room: `unit:${s.units.lead}`, token: s.tokens.lead }]);

    await h.stop(false);
    h = await Harness.start(dataDir);
    const after = await codes(h);
    expect(after.map((c) => c.company)).not.toContain(company);
    expect(after.map((c) => c.code)).toEqual(after.map((_c, i) => `〔2026〕${i + 1}号`));
    await assertConsistent(h);
    await h.stop(false);
  }, 120_000);
});
