// Simulator self-tests (XSIM50): a date cell's values are its serial, its text the date in the cell's number format.
import { describe, expect, it } from 'vitest';
import { installExcelSimulator } from './index';

async function readBack(format: string, value: number | string) {
  const target = {} as { Excel: typeof Excel };
  const { workbook } = installExcelSimulator(target);
  const r = await target.Excel.run(async (ctx) => {
    const cell = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
    cell.numberFormat = [[format]];
    cell.values = [[value]];
    cell.load('values, text, numberFormat');
    await ctx.sync();
    return { value: cell.values[0]?.[0], text: cell.text[0]?.[0], format: cell.numberFormat[0]?.[0] };
  });
  return { ...r, workbook };
}

describe('XSIM50: dates', () => {
  it('XSIM50: values is the serial, text the date as the number format shows it', async () => {
    expect(await readBack('yyyy"年"m"月"d"日"', 45658)).toMatchObject({ value: 45658, text: '2025年1月1日' });
    expect(await readBack('yyyy/m/d h:mm', 45658.5)).toMatchObject({ text: '2025/1/1 12:00' });
    expect(await readBack('yyyy-mm-dd', 61)).toMatchObject({ text: '1900-03-01' });
    expect(await readBack('yyyy-mm-dd', 60)).toMatchObject({ text: '1900-02-29' });
    expect(await readBack('General', 45658)).toMatchObject({ text: '45658' });
  });

  it('XSIM50: text typed as 2026/11/28 into a date cell is stored as the serial; 2026.11.28 stays text', async () => {
    const slash = await readBack('yyyy/m/d', '2026/11/28');
    expect(slash).toMatchObject({ value: 46354, text: '2026/11/28', format: 'yyyy/m/d' });
    const dots = await readBack('yyyy/m/d', '2026.11.28');
    expect(dots).toMatchObject({ value: '2026.11.28', text: '2026.11.28' });
  });

  it('XSIM50: formats the simulator does not draw are refused, never guessed', async () => {
    await expect(readBack('[$-409]m/d/yy h:mm AM/PM;@', 45658)).rejects.toMatchObject({ code: 'NotImplemented' });
  });
});
