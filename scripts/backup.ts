// `npm run backup -- <file>`: online backup of $DATA_DIR/ledger.sqlite to <file>; safe while the sync server runs (WAL).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ledgerDbPath } from '../sync-server/store/data-path';
import { backupDatabase } from '../sync-server/store/sqlite-backup';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const arg = process.argv[2];
if (arg === undefined || arg.trim() === '') fail('用法：npm run backup -- <备份文件路径>（缺少备份文件路径）');
const source = ledgerDbPath();
const target = resolve(arg);
if (!existsSync(source)) fail(`数据库不存在：${source}（可用环境变量 DATA_DIR 指定数据目录）`);
if (existsSync(target) && statSync(target).isDirectory()) fail(`备份目标是一个目录，请给出文件名：${target}`);

try {
  const size = await backupDatabase(source, target);
  console.log(`备份完成：${source} → ${target}（${formatSize(size)}）`);
} catch (e) {
  fail(`备份失败：${e instanceof Error ? e.message : String(e)}`);
}
