// `npm run import -- <台账.xlsx> [--dry-run] [--create-units] [--skip-invalid] [--server <url> --token <令牌>]` (IMP5).
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Actor } from '../shared/case';
import type { ImportReport } from '../shared/contract/http';
import { readErrorBody } from '../shared/contract/http';
import { isLedgerGrid } from '../shared/import/read-ledger';
import { loadConfig } from '../sync-server/config';
import { readWorkbookGrids } from '../sync-server/import/xlsx-grid';
import { importLedger } from '../sync-server/ledger/ledger-import';
import { Ledger } from '../sync-server/ledger/ledger';
import { newId } from '../sync-server/server';
import { acquireDataDirLock, DataDirLockedError } from '../sync-server/store/data-lock';
import { DB_FILE_NAME } from '../sync-server/store/data-path';
import { openSqliteStore } from '../sync-server/store/sqlite-store';

const USAGE =
  '用法：npm run import -- <台账.xlsx> [--dry-run 只预览] [--create-units 创建未知承办单位] [--skip-invalid 跳过有问题的行]\n' +
  '      [--server <服务地址> --token <市营商办令牌>]（服务正在运行时，通过服务导入）';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Who imports from the command line: the office, acting through the server's own data directory. */
const CLI_ACTOR: Actor = { userId: 'cli-import', name: '命令行导入', role: 'office', unitId: null };

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

interface Args {
  file: string;
  dryRun: boolean;
  createUnits: boolean;
  skipInvalid: boolean;
  server: string | null;
  token: string | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { file: '', dryRun: false, createUnits: false, skipInvalid: false, server: null, token: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--dry-run') args.dryRun = true;
    else if (a === '--create-units') args.createUnits = true;
    else if (a === '--skip-invalid') args.skipInvalid = true;
    else if (a === '--server' || a === '--token') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) fail(`${a} 后面缺少值\n${USAGE}`);
      if (a === '--server') args.server = v;
      else args.token = v;
    } else if (a.startsWith('--')) fail(`不认识的选项：${a}\n${USAGE}`);
    else if (args.file === '') args.file = a;
    else fail(`只能导入一个文件\n${USAGE}`);
  }
  if (args.file === '') fail(USAGE);
  if (args.server === null && args.token !== null) fail(`--token 需要与 --server 一起使用\n${USAGE}`);
  return args;
}

function print(r: ImportReport, dryRun: boolean): void {
  console.log(`工作表“${r.sheet}”，表头在第 ${r.headerRow ?? '?'} 行，共 ${r.rows} 行诉求`);
  console.log(
    `${dryRun ? '预览（未做任何修改）：将新增' : '已新增'} ${r.created} 件，已存在未变 ${r.unchanged} 件，跳过 ${r.skipped} 行，待补全 ${r.toComplete} 件`,
  );
  if (r.unknownUnits.length > 0) console.log(`台账中没有的承办单位：${r.unknownUnits.join('、')}`);
  for (const p of r.problems.slice(0, 200)) {
    console.log(
      `  第 ${p.row} 行${p.column ? ` ${p.column} 列` : ''}（${p.severity === 'error' ? '错误' : '提示'}）：${p.message}`,
    );
  }
  if (r.problems.length > 200) console.log(`  ……另有 ${r.problems.length - 200} 条`);
}

async function viaServer(args: Args, bytes: Uint8Array): Promise<ImportReport> {
  const q = new URLSearchParams({ file: basename(args.file) });
  if (args.dryRun) q.set('dryRun', '1');
  if (args.createUnits) q.set('createUnits', '1');
  if (args.skipInvalid) q.set('skipInvalid', '1');
  const token = args.token ?? process.env.LEDGER_TOKEN ?? '';
  const res = await fetch(`${(args.server ?? '').replace(/\/+$/, '')}/api/import/ledger?${q}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': XLSX_TYPE },
    body: new Uint8Array(bytes).buffer,
  }).catch((e: unknown) => fail(`无法连接服务：${e instanceof Error ? e.message : String(e)}`));
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) fail(`导入未成功：${readErrorBody(body)?.message ?? `HTTP ${res.status}`}`);
  return body as ImportReport;
}

async function inDataDir(args: Args, bytes: Uint8Array): Promise<ImportReport> {
  const config = loadConfig(process.env);
  const lock = await acquireDataDirLock(config.dataDir).catch((e: unknown) =>
    fail(
      e instanceof DataDirLockedError
        ? `服务正在使用数据目录 ${config.dataDir}；请加 --server <地址> --token <令牌> 通过服务导入`
        : String(e),
    ),
  );
  const store = await openSqliteStore(join(config.dataDir, DB_FILE_NAME));
  const ledger = await Ledger.open({ store, holidayFiles: config.holidayFiles, clock: Date.now, newId });
  try {
    const sheets = await readWorkbookGrids(bytes);
    const found =
      sheets.find((s) => isLedgerGrid(s.grid)) ??
      fail(`文件中没有找到台账（工作表：${sheets.map((s) => s.name).join('、')}）`);
    const opts = { dryRun: args.dryRun, createUnits: args.createUnits, skipInvalid: args.skipInvalid };
    const r = await importLedger(ledger, CLI_ACTOR, found.grid, {
      ...opts,
      source: basename(args.file),
      sheet: found.name,
    });
    if (!r.ok) fail(`导入未成功：${r.error.message}`);
    await ledger.whenDurable();
    return r.value;
  } finally {
    ledger.close();
    await store.close();
    await lock.release();
  }
}

const args = parseArgs(process.argv.slice(2));
const bytes = new Uint8Array(await readFile(args.file).catch(() => fail(`无法读取文件：${args.file}`)));
try {
  const report = args.server !== null ? await viaServer(args, bytes) : await inDataDir(args, bytes);
  print(report, args.dryRun);
  if (report.problems.some((p) => p.severity === 'error') && !args.skipInvalid) process.exitCode = 1;
} catch (e) {
  fail(`导入未成功：${e instanceof Error ? e.message : String(e)}`);
}
