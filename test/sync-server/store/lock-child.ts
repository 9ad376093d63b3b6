// Child process of data-lock.test.ts: tries to lock DATA_DIR and prints "locked" or "refused <code> <message>"; with "hold" it keeps the lock until killed.
// Usage: node --import tsx lock-child.ts <dir> [hold]
import { acquireDataDirLock, DataDirLockedError } from '../../../sync-server/store/data-lock';

const [dir = '', mode = ''] = process.argv.slice(2);
try {
  const lock = await acquireDataDirLock(dir);
  process.stdout.write('locked\n');
  if (mode === 'hold') setInterval(() => undefined, 60_000);
  else await lock.release();
} catch (e) {
  if (!(e instanceof DataDirLockedError)) throw e;
  process.stdout.write(`refused ${e.code} ${e.message}\n`);
}
