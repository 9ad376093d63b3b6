// Where the ledger database lives: $DATA_DIR/ledger.sqlite, DATA_DIR defaulting to ./data.
import { resolve } from 'node:path';

export const DB_FILE_NAME = 'ledger.sqlite';

/** The absolute path of the ledger database for this environment. */
export function ledgerDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.DATA_DIR !== undefined && env.DATA_DIR.trim() !== '' ? env.DATA_DIR : './data';
  return resolve(dir, DB_FILE_NAME);
}
