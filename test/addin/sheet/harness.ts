// Test harness for the Office sheet port: a fresh simulated workbook with the port bound to it.
import { LAYOUT } from '../../../addin/binding/columns';
import type { OfficeSheet, OfficeSheetOptions } from '../../../addin/sheet/office-sheet';
import { createOfficeSheet } from '../../../addin/sheet/office-sheet';
import type { UserEdit } from '../../../addin/sheet/port';
import type { SimWorkbook, WorkbookOptions } from '../../excel-sim';
import { installExcelSimulator } from '../../excel-sim';

export interface Harness {
  workbook: SimWorkbook;
  port: OfficeSheet;
  excel: typeof Excel;
  edits: UserEdit[][];
  selections: (number | null)[];
  logs: { level: string; message: string }[];
}

export function harness(
  options: { workbook?: WorkbookOptions; port?: Omit<OfficeSheetOptions, 'excel'> } = {},
): Harness {
  const target = {} as { Excel: typeof Excel };
  const { workbook } = installExcelSimulator(target, options.workbook);
  const logs: Harness['logs'] = [];
  const port = createOfficeSheet({
    excel: target.Excel,
    log: (level, message) => logs.push({ level, message }),
    ...options.port,
  });
  const edits: UserEdit[][] = [];
  const selections: (number | null)[] = [];
  port.onUserEdit((e) => edits.push(e));
  port.onSelectionChange((r) => selections.push(r));
  return { workbook, port, excel: target.Excel, edits, selections, logs };
}

/** A harness whose port has run setup(LAYOUT); statistics and events of the setup are cleared. */
export async function readyHarness(options?: Parameters<typeof harness>[0]): Promise<Harness> {
  const h = harness(options);
  await h.port.setup(LAYOUT);
  await h.workbook.settle();
  h.workbook.resetStats();
  h.edits.length = 0;
  h.selections.length = 0;
  return h;
}

export const SHEET = LAYOUT.sheetName;
