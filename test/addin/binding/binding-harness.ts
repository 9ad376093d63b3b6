// A binding on a simulated workbook, connected to a "server" Y.Doc the way the sync provider connects it.
import * as Y from 'yjs';
import type { Refusal } from '../../../addin/binding/binding';
import { LedgerBinding } from '../../../addin/binding/binding';
import { COLUMN_OF } from '../../../addin/binding/columns';
import { createOfficeSheet } from '../../../addin/sheet/office-sheet';
import type { Actor } from '../../../shared/case';
import type { FieldId, FieldValue } from '../../../shared/fields';
import { writeFields, writeUnit } from '../../../shared/ydoc-layout';
import type { SimWorkbook } from '../../excel-sim';
import { columnLetters, installExcelSimulator } from '../../excel-sim';
import { LEAD, caseIn } from '../../shared/fixtures';

export const SHEET = '台账';
export const REMOTE = Object.freeze({ remote: true });

export interface BoundSheet {
  workbook: SimWorkbook;
  /** The simulated Excel namespace, to start another port or binding on the same workbook. */
  excel: typeof Excel;
  binding: LedgerBinding;
  server: Y.Doc;
  local: Y.Doc;
  refusals: Refusal[];
  /** How many times the binding reported a co-author (BIND37). */
  coAuthored: { count: number };
  /** Updates the add-in's document produced itself (what the provider would send to the server). */
  sent: Uint8Array[];
  /** A1 address of a case field's cell (data row 0 is sheet row 3). */
  cell(row: number, field: FieldId): string;
  value(row: number, field: FieldId): unknown;
  settle(): Promise<void>;
  /** Closes the add-in (the binding stops) and returns a function that opens it again on the same workbook. */
  close(): () => Promise<void>;
}

/** Cases c-1..c-n in the server document, a local document relayed both ways, and the binding started on it. */
export async function bound(
  actor: Actor,
  cases: { id: string; status: string; extra?: Record<string, FieldValue> }[],
): Promise<BoundSheet> {
  const server = new Y.Doc();
  writeUnit(server, LEAD, '市市场监督管理局');
  writeUnit(server, 'u-zjj', '市住房和城乡建设局');
  cases.forEach((c, i) =>
    writeFields(server, c.id, { ...caseIn(c.status, c.extra).fields, seq: i + 1, code: `〔2026〕${i + 1}号` }),
  );
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(server), REMOTE);
  const sent: Uint8Array[] = [];
  local.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    sent.push(u);
    Y.applyUpdate(server, u, REMOTE);
  });
  server.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(local, u, REMOTE);
  });
  const target = {} as { Excel: typeof Excel };
  const { workbook, Office } = installExcelSimulator(target);
  const refusals: Refusal[] = [];
  const coAuthored = { count: 0 };
  const start = () =>
    LedgerBinding.start({
      doc: local,
      port: createOfficeSheet({
        excel: target.Excel,
        supports: (set, v) => Office.context.requirements.isSetSupported(set, v),
      }),
      actor,
      onRefusal: (r) => refusals.push(r),
      onCoAuthored: () => void coAuthored.count++,
      reconcileIntervalMs: 0,
    });
  const binding = await start();
  await workbook.settle();
  const cell = (row: number, field: FieldId) => `${columnLetters(COLUMN_OF.get(field) as number)}${row + 3}`;
  const sheet: BoundSheet = {
    workbook,
    excel: target.Excel,
    binding,
    server,
    local,
    refusals,
    coAuthored,
    sent,
    cell,
    value: (row, field) => workbook.values(SHEET, cell(row, field))[0]?.[0],
    settle: async () => {
      for (let i = 0; i < 3; i++) {
        await workbook.settle();
        await sheet.binding.idle();
      }
    },
    close: () => {
      sheet.binding.stop();
      return async () => {
        sheet.binding = await start();
        await sheet.settle();
      };
    },
  };
  return sheet;
}
