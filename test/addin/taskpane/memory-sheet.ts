// A sheet port kept in memory: what the binding wrote, a user's typing, and selection events (the Office port is tested elsewhere).
import type {
  CellValue,
  ExistingLedger,
  SheetPort,
  UserEdit,
  WriteBatch,
  WriteResult,
} from '../../../addin/sheet/port';
import type { GridCell } from '../../../shared/import/types';

export class MemorySheet implements SheetPort {
  rows: CellValue[][] = [];
  /** Other sheets of the workbook by name (an office's own 台账), and the cells the pane selected in them. */
  others = new Map<string, GridCell[][]>();
  existing: ExistingLedger | null = null;
  selectedCells: string[] = [];
  private readonly edits = new Set<(e: UserEdit[]) => void>();
  private readonly selections = new Set<(row: number | null) => void>();

  /** BIND12: the state kept "in the workbook". */
  state = new Map<string, CellValue[]>();
  async setup(): Promise<void> {}
  async readState(): Promise<Map<string, CellValue[]>> {
    return new Map(this.state);
  }
  async readRows(): Promise<CellValue[][]> {
    return this.rows.map((r) => [...r]);
  }
  async readRange(row: number, count: number): Promise<CellValue[][]> {
    return this.rows.slice(row, row + count).map((r) => [...r]);
  }
  async write(b: WriteBatch): Promise<WriteResult> {
    for (const c of b.cells) {
      const r = this.rows[c.row];
      if (r) r[c.column] = c.value;
    }
    for (const r of b.rows) this.rows[r.row] = [...r.values];
    for (const a of b.append) this.rows.push([...a]);
    for (const e of b.state ?? [])
      if (e.values === null) this.state.delete(e.id);
      else this.state.set(e.id, [...e.values]);
    const removed = new Set(b.remove);
    this.rows = this.rows.filter((_, i) => !removed.has(i));
    return { replaced: [], misplaced: [] };
  }
  onUserEdit(l: (e: UserEdit[]) => void): () => void {
    this.edits.add(l);
    return () => this.edits.delete(l);
  }
  onSelectionChange(l: (row: number | null) => void): () => void {
    this.selections.add(l);
    return () => this.selections.delete(l);
  }
  async selectRow(row: number): Promise<void> {
    for (const l of this.selections) l(row);
  }
  async sortRows(column: number, ascending: boolean): Promise<void> {
    const key = (r: CellValue[]) => String(r[column] ?? '');
    this.rows.sort((a, b) => (ascending ? 1 : -1) * key(a).localeCompare(key(b)));
  }
  async findExistingLedger(): Promise<ExistingLedger | null> {
    return this.existing;
  }
  async readSheet(sheet: string, onProgress?: (done: number, total: number) => void): Promise<GridCell[][]> {
    const cells = this.others.get(sheet) ?? [];
    onProgress?.(cells.length, cells.length);
    return cells.map((r) => [...r]);
  }
  async selectCell(sheet: string, address: string): Promise<void> {
    this.selectedCells.push(`${sheet}!${address}`);
  }
  /** The user types into one cell. */
  type(row: number, column: number, value: CellValue): void {
    const r = this.rows[row];
    if (r) r[column] = value;
    for (const l of this.edits) l([{ row, rowCount: 1, column, columnCount: 1, value }]);
  }
}
