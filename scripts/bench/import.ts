// `npm run bench:import [-- rows]`: time and memory to import an N-row 台账 (.xlsx → grid → read → plan → SQLite), IMP4.
import { mkdtemp, rm } from 'node:fs/promises';
import { ANNEX4_HEADERS } from '../../shared/annex4';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { isLedgerGrid } from '../../shared/import/read-ledger';
import { readWorkbookGrids } from '../../sync-server/import/xlsx-grid';
import { importLedger } from '../../sync-server/ledger/ledger-import';
import { Ledger } from '../../sync-server/ledger/ledger';
import { newId } from '../../sync-server/server';
import { openSqliteStore } from '../../sync-server/store/sqlite-store';

const rows = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(rows) || rows < 1 || rows > 100_000) throw new Error('rows: 1–100000');
const UNITS = [
  '市市场监督管理局',
  '市住房和城乡建设局',
  '市自然资源和规划局',
  '市消防救援大队',
  '国家税务总局枣阳市税务局',
];
const NAMES = ['王建国', '陈丽', '李红梅', '赵强', '孙伟', '周敏'];
const VISITS = ['2025-10-24电话回访，满意', '2025-11-03实地回访，基本满意', '', '2025-11-10电话回访，不满意'];
const HEADER = [...ANNEX4_HEADERS];

async function workbook(n: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['枣阳市企业诉求“直通车”工作台账']);
  ws.mergeCells('A1:L1');
  ws.addRow(HEADER);
  for (let i = 1; i <= n; i++) {
    const visit = VISITS[i % VISITS.length] ?? '';
    ws.addRow([
      i,
      `〔2025〕${i}号`,
      `枣阳市第${i}号企业有限公司`,
      `${NAMES[i % NAMES.length]} 139${String(72560000 + i).slice(-8)}`,
      `企业反映的第${i}个问题：审批时限超期，多次补充材料仍未受理，影响项目开工`,
      UNITS[i % UNITS.length],
      `李科长 0710-62${String(10000 + (i % 9000)).slice(-5)}`,
      i % 5 === 0 ? '办理中。' : '经查属实，已督促整改并办结。',
      i % 7 === 0 ? `2025-10-27督办（〔2025〕督${Math.ceil(i / 7)}号）` : '',
      '',
      visit,
      /(?<!不)满意$/.test(visit) ? '是' : '否',
    ]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const dir = await mkdtemp(join(tmpdir(), 'bench-import-'));
try {
  const bytes = await workbook(rows);
  const store = await openSqliteStore(join(dir, 'ledger.sqlite'));
  const ledger = await Ledger.open({ store, clock: Date.now, newId });
  for (const name of UNITS) await ledger.createUnit(name, null);
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const sheets = await readWorkbookGrids(bytes);
  const t1 = performance.now();
  const grid = sheets.find((s) => isLedgerGrid(s.grid))?.grid ?? [];
  const actor = { userId: 'bench', name: '基准', role: 'office', unitId: null } as const;
  const opts = { source: 'bench.xlsx', sheet: '台账', dryRun: true, createUnits: false, skipInvalid: false };
  const dry = await importLedger(ledger, actor, grid, opts);
  const t2 = performance.now();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const real = await importLedger(ledger, actor, grid, { ...opts, dryRun: false });
  await ledger.whenDurable();
  const t3 = performance.now();
  loop.disable();
  clearInterval(timer);
  if (!dry.ok || !real.ok) throw new Error('import refused');
  const kinds = new Map<string, number>();
  for (const p of dry.value.problems)
    kinds.set(`${p.severity} ${p.code}`, (kinds.get(`${p.severity} ${p.code}`) ?? 0) + 1);
  console.log(`台账 ${rows} 行（.xlsx ${mb(bytes.length)}）`);
  console.log(`  解析 xlsx → 单元格   ${(t1 - t0).toFixed(0)} ms`);
  console.log(`  读取 + 预览（dryRun）${(t2 - t1).toFixed(0)} ms   问题 ${dry.value.problems.length}`);
  console.log(
    `  导入并写入 SQLite    ${(t3 - t2).toFixed(0)} ms   新增 ${real.value.created}，待补全 ${real.value.toComplete}`,
  );
  console.log(`  问题分类 ${[...kinds].map(([k, n]) => `${k}×${n}`).join('，')}`);
  console.log(
    `  导入期间事件循环最长阻塞 ${(loop.max / 1e6).toFixed(0)} ms（p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms）`,
  );
  console.log(`  合计                 ${(t3 - t0).toFixed(0)} ms`);
  console.log(`  堆增长 ${mb(process.memoryUsage().heapUsed - heap0)}，峰值 RSS ${mb(peak)}`);
  ledger.close();
  await store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
