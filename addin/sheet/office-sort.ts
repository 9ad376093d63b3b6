// Sorts the ledger table through the add-in: the sheet's protection refuses sorting locked cells, so unprotect around it.
/// <reference types="office-js" />
import type { OfficeSession } from './office-session';
import { PROTECTION } from './office-setup';
import { tableOf } from './office-table';
import type { SheetLayout } from './port';

/**
 * BIND11: Table.sort.apply (ExcelApi 1.2) by one column. A protected sheet refuses to sort locked cells even when
 * allowSort is set ("Users can't sort ranges that contain locked cells on a protected worksheet, regardless of this
 * setting" — https://support.microsoft.com/en-us/office/lock-or-unlock-specific-areas-of-a-protected-worksheet-75481b72-db8a-4267-8c43-042a5f2cd93a),
 * so the sort runs between unprotect and protect in one request; whole rows move, the hidden case id with them.
 */
export async function sortTable(session: OfficeSession, l: SheetLayout, column: number, ascending: boolean) {
  await session.run(async (ctx, sync) => {
    const { ws, table } = tableOf(ctx, l);
    ws.protection.unprotect();
    table.sort.apply([{ key: column, ascending }]);
    ws.protection.protect(PROTECTION);
    try {
      await sync();
    } catch (e) {
      const p = ws.protection.load('protected');
      await sync();
      if (!p.protected) {
        ws.protection.protect(PROTECTION);
        await sync();
      }
      throw e;
    }
  });
}
