// Simulator self-tests: conditional formats with formulas over text, dates and the computer's clock (XSIM20).
import { describe, expect, it } from 'vitest';
import { effectiveFill, installExcelSimulator } from './index';

function sim(rule: string, values: string[][]) {
  const target = {} as { Excel: typeof Excel };
  const { workbook } = installExcelSimulator(target, { clock: { nowMs: Date.parse('2026-10-16T09:00:00+08:00') } });
  const done = target.Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('Sheet1');
    ws.getRange(`A3:B${2 + values.length}`).numberFormat = values.map(() => ['@', '@']);
    ws.getRange(`A3:B${2 + values.length}`).values = values;
    const cf = ws.getRange(`A3:B${2 + values.length}`).conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
    cf.custom.rule.formula = rule;
    cf.custom.format.fill.color = '#FF0000';
    await ctx.sync();
  });
  const fills = (): (string | null)[] => values.map((_, r) => effectiveFill(workbook.sheet('Sheet1'), 2 + r, 1));
  return { workbook, done, fills };
}

const DUE = 'DATE(VALUE(MID($A3,1,4)),VALUE(MID($A3,6,2)),VALUE(MID($A3,9,2)))+TIME(VALUE(MID($A3,12,2)),0,0)';

describe('XSIM20: formula rules read text cells, dates and NOW()/TODAY() from a clock the test sets', () => {
  it('XSIM20: NOW() follows the clock; text dates are read through DATE/TIME/MID', async () => {
    const s = sim(`=AND(LEN($A3)=16,NOW()>${DUE})`, [
      ['2026-10-16 08:00', ''],
      ['2026-10-16 10:00', ''],
      ['', ''],
    ]);
    await s.done;
    expect(s.fills()).toEqual(['#FF0000', null, null]);
    s.workbook.clock.nowMs = Date.parse('2026-10-16T10:00:01+08:00');
    expect(s.fills()).toEqual(['#FF0000', '#FF0000', null]);
    s.workbook.clock.utcOffsetMinutes = 0;
    expect(s.fills()).toEqual([null, null, null]);
  });

  it('XSIM20: WORKDAY skips Saturday and Sunday; TODAY() is the date without the time', async () => {
    const s = sim('=AND($A3<>"",VALUE($A3)=WORKDAY(TODAY(),1)-DATE(2026,10,1))', [
      ['18', ''],
      ['15', ''],
    ]);
    await s.done;
    expect(s.fills()).toEqual(['#FF0000', null]);
  });

  it('XSIM20: an error value formats nothing; VALUE reads numbers only (no regional date guessing)', async () => {
    const s = sim('=VALUE($A3)>0', [
      ['2026-10-16', ''],
      ['12', ''],
      ['abc', ''],
    ]);
    await s.done;
    expect(s.fills()).toEqual([null, '#FF0000', null]);
  });

  it('XSIM20: refuses a formula over 255 characters and functions it does not evaluate', async () => {
    await expect(sim(`=$A3="${'x'.repeat(250)}"`, [['a', '']]).done).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(sim('=NETWORKDAYS($A3,$B3)>1', [['a', '']]).done).rejects.toMatchObject({ code: 'NotImplemented' });
  });
});

describe('XSIM52: ISNUMBER in formula rules', () => {
  it('XSIM52: ISNUMBER is TRUE for a number only, FALSE for date-looking text, an empty cell and an error', async () => {
    const target = {} as { Excel: typeof Excel };
    const { workbook } = installExcelSimulator(target, { clock: { nowMs: Date.parse('2026-11-28T17:31:01+08:00') } });
    const serial = 46_354 + 1050 / 1440; // 2026-11-28 17:30
    await target.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A3:A6').numberFormat = [['General'], ['@'], ['General'], ['General']];
      ws.getRange('A3:A6').values = [[serial], ['2026-11-28 17:30'], [''], [serial + 1]];
      const cf = ws.getRange('A3:A6').conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
      cf.custom.rule.formula = '=IF(ISNUMBER($A3),NOW()>=$A3+60/86400)';
      cf.custom.format.fill.color = '#FF0000';
      const bad = ws.getRange('B3').conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
      bad.custom.rule.formula = '=NOT(ISNUMBER(VALUE("x")))';
      bad.custom.format.fill.color = '#00FF00';
      await ctx.sync();
    });
    const fills = [2, 3, 4, 5].map((r) => effectiveFill(workbook.sheet('Sheet1'), r, 0));
    expect(fills).toEqual(['#FF0000', null, null, null]);
    expect(effectiveFill(workbook.sheet('Sheet1'), 2, 1)).toBe('#00FF00');
  });
});
