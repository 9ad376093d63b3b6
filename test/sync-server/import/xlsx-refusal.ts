// The error an .xlsx upload is refused with by the reader (IMP1, IMP7), checked to be a LedgerError.
import { expect } from 'vitest';
import { LedgerError } from '../../../shared/errors';
import { readWorkbookGrids } from '../../../sync-server/import/xlsx-grid';

export async function refusal(bytes: Uint8Array): Promise<LedgerError> {
  const e: unknown = await readWorkbookGrids(bytes).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(LedgerError);
  return e as LedgerError;
}
