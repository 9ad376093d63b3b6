// `npm run bench:export [-- cases]`: time and size of the 附件4 台账 .xlsx export for N cases (ANX8), no assertion.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CaseData } from '../../shared/case';
import { DEFAULT_FORM_NAMES } from '../../shared/forms/names';
import { renderLedgerXlsx } from '../../sync-server/documents/ledger-xlsx';

const count = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new Error('cases: 1–100000');
const UNITS = [
  '市市场监督管理局',
  '市住房和城乡建设局',
  '市自然资源和规划局',
  '市消防救援大队',
  '国家税务总局枣阳市税务局',
];

/** A case as a busy year has them: handled, some supervised, visited, archived; every fifth overdue. */
function caseNo(i: number): CaseData {
  return {
    id: `c${i}`,
    fields: {
      seq: i,
      code: `〔2026〕${i}号`,
      company: `枣阳市第${i}号企业有限公司`,
      contactName: '王建国',
      contactPhone: `139${String(72560000 + i).slice(-8)}`,
      summary: `企业反映的第${i}个问题：审批时限超期，多次补充材料仍未受理，影响项目开工，请求协调解决。`,
      leadUnit: `u${i % UNITS.length}`,
      coUnits: i % 3 === 0 ? `u${(i + 1) % UNITS.length}` : null,
      handler: '李科长',
      handlerPhone: '0710-6221345',
      findings: i % 5 === 0 ? null : '经查，企业反映问题属实，窗口未一次性告知所需材料。',
      measures: i % 5 === 0 ? null : '已督促窗口一次性告知并当场受理，企业项目已开工。',
      supervision:
        i % 7 === 0 ? `〔2026〕督${Math.ceil(i / 7)}号 2026-10-14 督办：办理进度滞后；请于 2026-10-19 前回复` : null,
      visit: i % 5 === 0 ? null : '2026-10-20 电话回访：满意',
      status: i % 5 === 0 ? 'handling' : 'closed',
      warning: i % 5 === 0 ? 'overdue' : 'normal',
      archived: '否',
    },
  };
}

const cases = Array.from({ length: count }, (_, k) => caseNo(k + 1));
const unitName = (id: string) => UNITS[Number(id.slice(1))] ?? null;
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const bytes = await renderLedgerXlsx(cases, unitName, DEFAULT_FORM_NAMES);
const ms = performance.now() - started;
const heap = process.memoryUsage().heapUsed - heapBefore;
console.log(
  `台账导出 ${count} 件：${(ms / 1000).toFixed(2)} s，文件 ${(bytes.byteLength / 1024 / 1024).toFixed(2)} MiB，` +
    `堆增长约 ${(heap / 1024 / 1024).toFixed(0)} MiB，事件循环最长阻塞 ${(loop.max / 1e6).toFixed(0)} ms`,
);
