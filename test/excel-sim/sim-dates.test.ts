// Simulator self-tests (XSIM50, XSIM52): a date cell's values are its serial, its text the date in its number format.
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

describe('XSIM52: date-times', () => {
  const MINUTE = 46_354 + 1050 / 1440; // 2026-11-28 17:30

  it('XSIM52: a date-time in yyyy"年"m"月"d"日" hh:mm shows the date and the minute; seconds are cut, not rounded', async () => {
    const format = 'yyyy"年"m"月"d"日" hh:mm';
    expect(await readBack(format, MINUTE)).toMatchObject({ text: '2026年11月28日 17:30', format });
    expect(await readBack(format, MINUTE + 59 / 86_400)).toMatchObject({ text: '2026年11月28日 17:30' });
    expect(await readBack(format, 46_354 + 5 / 1440)).toMatchObject({ text: '2026年11月28日 00:05' });
  });

  it('XSIM52: a number is kept to 15 significant digits, written or typed', async () => {
    const written = await readBack('General', MINUTE);
    expect(written.value).toBe(46_354.729_166_666_7);
    expect(written.value).not.toBe(MINUTE);
    expect(await readBack('General', '0.12345678901234567')).toMatchObject({ value: 0.123_456_789_012_346 });
  });
});
