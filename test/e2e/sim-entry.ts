// Browser bundle served as office.js in the e2e: the Excel simulator plus the Office parts it leaves out (ribbon actions), and test probes.
import { columnLetters } from '../excel-sim/address';
import type { Scalar } from '../excel-sim/coerce';
import { effectiveFill } from '../excel-sim/host-rules';
import { bodyRect, isBlankBody } from '../excel-sim/host-tables';
import { installExcelSimulator } from '../excel-sim/install';
import { SAMPLE_MERGE, sampleValues } from '../addin/ledger-sample';

const SHEET = '台账';
const TABLE = 'LedgerTable';
const { workbook, Office, created } = installExcelSimulator(window);

/** Function commands associated by the add-in, and the ribbon updates it requested. */
const actions = new Map<string, (event?: unknown) => void>();
const ribbonUpdates: unknown[] = [];
const excelSupported = Office.context.requirements.isSetSupported;
Object.assign(Office, {
  actions: { associate: (id: string, fn: (event?: unknown) => void) => void actions.set(id, fn) },
  addin: { showAsTaskpane: async () => undefined },
  ribbon: { requestUpdate: async (u: unknown) => void ribbonUpdates.push(u) },
});
/** How many commands were associated when the add-in's Office.onReady callback ran (office-js #5176: all of them). */
let actionsAtReady: number | null = null;
const onReady = Office.onReady.bind(Office);
Office.onReady = ((callback?: (info: unknown) => void) =>
  onReady((info) => {
    actionsAtReady ??= actions.size;
    callback?.(info);
  })) as typeof Office.onReady;
Office.context.requirements.isSetSupported = (name: string, version?: string | number) =>
  name === 'RibbonApi' || name === 'SharedRuntime' ? true : excelSupported(name, version);

function table() {
  const t = workbook.findTable(TABLE);
  if (!t) throw new Error('no LedgerTable yet');
  return t;
}

function columnOf(header: string): number {
  const t = table();
  for (let c = 0; c < t.rect.cols; c++)
    if (t.sheet.cell(t.rect.row, t.rect.col + c).v === header) return t.rect.col + c;
  throw new Error(`no column ${header}`);
}

const probes = {
  workbook,
  ribbonUpdates,
  actionIds: () => [...actions.keys()],
  actionsAtReady: () => actionsAtReady,
  hasTable: () => workbook.findTable(TABLE) !== undefined,
  /** Data rows of the ledger table, header → value. */
  rows(): Record<string, Scalar>[] {
    const t = workbook.findTable(TABLE);
    if (!t || isBlankBody(t)) return [];
    const body = bodyRect(t);
    const headers = Array.from({ length: t.rect.cols }, (_, c) => String(t.sheet.cell(t.rect.row, t.rect.col + c).v));
    return Array.from({ length: body.rows }, (_, r) =>
      Object.fromEntries(headers.map((h, c) => [h, t.sheet.cell(body.row + r, body.col + c).v])),
    );
  },
  address(row: number, header: string): string {
    return `${columnLetters(columnOf(header))}${bodyRect(table()).row + row + 1}`;
  },
  /** The fill the cell shows, conditional formats included. */
  fill(row: number, header: string): string | null {
    return effectiveFill(table().sheet, bodyRect(table()).row + row, columnOf(header));
  },
  type(row: number, header: string, value: Scalar | null): string | null {
    try {
      workbook.user.type(SHEET, probes.address(row, header), value);
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  },
  select(row: number, header = '序号'): void {
    workbook.user.select(SHEET, probes.address(row, header));
  },
  /** Presses a ribbon button: runs the associated function and resolves when it called event.completed(). */
  press(id: string): Promise<boolean> {
    const fn = actions.get(id);
    if (!fn) return Promise.resolve(false);
    return new Promise((resolve) => fn({ completed: () => resolve(true) }));
  },
  settle: () => workbook.settle(),
  /** IMP6: the sample 台账 on a sheet, as an office's workbook holds it before the add-in connects. */
  openSample(sheet: string): void {
    workbook.openCells(sheet, 'A1', sampleValues(), [SAMPLE_MERGE]);
  },
  sheetNames: () => workbook.sheets.map((s) => s.name),
  /** XSIM41: the workbooks opened with Excel.createWorkbook — size and part names. */
  createdWorkbooks: () => created.map((c) => ({ size: c.bytes.length, parts: c.parts })),
  /** XSIM30: the charts of a sheet (none when there is no such sheet). */
  charts: (sheet: string) =>
    (workbook.findSheet(sheet)?.charts ?? []).map((c) => ({ name: c.name, type: c.type, title: c.title })),
  tableSheet: () => workbook.findTable(TABLE)?.sheet.name ?? null,
  /** Values of a sheet's first `rows` × `cols` cells and its merged areas. */
  cellsOf(sheet: string, rows: number, cols: number): { values: Scalar[][]; merges: unknown[] } {
    const s = workbook.sheet(sheet);
    return {
      values: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => s.cell(r, c).v)),
      merges: s.merges,
    };
  },
  selection: () =>
    `${workbook.selection.sheet.name}!${columnLetters(workbook.selection.rect.col)}${workbook.selection.rect.row + 1}`,
  /** Every cell value of every sheet, as one text (nothing secret may be stored in the workbook). */
  allText(): string {
    const parts: string[] = [];
    for (const sheet of workbook.sheets) {
      const used = sheet.usedRect(true);
      if (!used) continue;
      for (let r = used.row; r < used.row + used.rows; r++)
        for (let c = used.col; c < used.col + used.cols; c++) parts.push(String(sheet.cell(r, c).v));
    }
    return parts.join('\n');
  },
  /** Whether the last ribbon update enabled the control. */
  lastEnabled(controlId: string): boolean | null {
    const last = ribbonUpdates[ribbonUpdates.length - 1] as
      { tabs: { groups: { controls: { id: string; enabled: boolean }[] }[] }[] } | undefined;
    return last?.tabs[0]?.groups[0]?.controls.find((c) => c.id === controlId)?.enabled ?? null;
  },
};

declare global {
  interface Window {
    e2e: typeof probes;
  }
}
window.e2e = probes;
