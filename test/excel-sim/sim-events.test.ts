// Simulator self-tests: onChanged/onSelectionChanged events, trigger sources, dropped events and cell-edit mode.
import { describe, expect, it } from 'vitest';
import { installExcelSimulator } from './index';

async function sim() {
  const target = {} as { Excel: typeof Excel };
  const { workbook } = installExcelSimulator(target);
  const changed: Excel.WorksheetChangedEventArgs[] = [];
  const selected: string[] = [];
  let registration: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | undefined;
  await target.Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('Sheet1');
    registration = ws.onChanged.add(async (e) => {
      changed.push(e);
    });
    ws.onSelectionChanged.add(async (e) => {
      selected.push(e.address);
    });
    await ctx.sync();
  });
  const write = (address: string, values: unknown[][]): Promise<void> =>
    target.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange(address).values = values;
      await ctx.sync();
    });
  return {
    wb: workbook,
    Excel: target.Excel,
    changed,
    selected,
    write,
    registration: registration as NonNullable<typeof registration>,
  };
}

describe('XSIM4: events', () => {
  it('reports add-in writes as ThisLocalAddin, typing with details, pastes without, co-authors as Remote', async () => {
    const { wb, changed, write } = await sim();
    await write('A1', [['mine']]);
    wb.user.type('Sheet1', 'B2', 'typed');
    wb.user.paste('Sheet1', 'C3', [
      [1, 2],
      [3, 4],
    ]);
    wb.remote.type('Sheet1', 'D4', 'theirs');
    expect(changed).toEqual([]);
    await wb.settle();
    expect(changed.map((e) => [e.address, e.source, e.triggerSource, e.changeType, e.details?.valueAfter])).toEqual([
      ['A1', 'Local', 'ThisLocalAddin', 'RangeEdited', 'mine'],
      ['B2', 'Local', 'Unknown', 'RangeEdited', 'typed'],
      ['C3:D4', 'Local', 'Unknown', 'RangeEdited', undefined],
      ['D4', 'Remote', 'Unknown', 'RangeEdited', 'theirs'],
    ]);
    expect(changed[1]?.details).toMatchObject({ valueBefore: '', valueTypeBefore: 'Empty', valueTypeAfter: 'String' });
  });

  it('drops events on request, reports selections, and unregisters handlers', async () => {
    const { wb, Excel, changed, selected, registration } = await sim();
    wb.dropEvents(1);
    wb.user.type('Sheet1', 'A1', 'lost');
    wb.user.type('Sheet1', 'A2', 'seen');
    wb.user.select('Sheet1', 'B3:C4');
    await wb.settle();
    expect(changed.map((e) => e.address)).toEqual(['A2']);
    expect(selected).toEqual(['B3:C4']);
    expect(wb.events.dropped).toBe(1);
    expect(() => registration.remove()).toThrow(expect.objectContaining({ code: 'InvalidObjectPath' }));
    await Excel.run(registration.context, async (ctx) => {
      registration.remove();
      await ctx.sync();
    });
    wb.user.type('Sheet1', 'A3', 'after removal');
    await wb.settle();
    expect(changed.map((e) => e.address)).toEqual(['A2']);
  });

  it('fails requests during cell edit unless delayForCellEdit, which waits for the edit to end', async () => {
    const { wb, Excel } = await sim();
    wb.user.startEdit('Sheet1', 'A1');
    const batch = async (ctx: Excel.RequestContext): Promise<void> => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('B1').values = [['x']];
      await ctx.sync();
    };
    await expect(Excel.run(batch)).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    let done = false;
    const waiting = Excel.run({ delayForCellEdit: true }, batch).then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    wb.user.finishEdit('edited');
    await waiting;
    expect(wb.values('Sheet1', 'A1:B1')).toEqual([['edited', 'x']]);
  });
});
