// Simulator self-tests: sheet protection, validation lists, conditional formats and their evaluation.
import { describe, expect, it } from 'vitest';
import { effectiveFill, effectiveFont, installExcelSimulator } from './index';

function sim() {
  const target = {} as { Excel: typeof Excel };
  const { workbook } = installExcelSimulator(target);
  const run = (batch: (ws: Excel.Worksheet) => void): Promise<void> =>
    target.Excel.run(async (ctx) => {
      batch(ctx.workbook.worksheets.getItem('Sheet1'));
      await ctx.sync();
    });
  return { wb: workbook, run };
}

describe('XSIM3: protection', () => {
  it('refuses writes to locked cells of a protected sheet at sync, for the add-in and for people', async () => {
    const { wb, run } = sim();
    await run((ws) => {
      ws.getRange('B1:B3').format.protection.locked = false;
      ws.protection.protect({ allowSort: true });
    });
    await expect(
      run((ws) => {
        ws.getRange('A1').values = [['x']];
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(
      run((ws) => {
        ws.getRange('A1:B1').values = [['x', 'y']];
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(wb.values('Sheet1', 'A1:B1')).toEqual([['', '']]);
    await run((ws) => {
      ws.getRange('B2').values = [['ok']];
    });
    expect(() => wb.user.type('Sheet1', 'A2', 1)).toThrow(expect.objectContaining({ code: 'AccessDenied' }));
    expect(() => wb.user.paste('Sheet1', 'B3', [['a', 'b']])).toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
    wb.user.type('Sheet1', 'B3', 'typed');
    await expect(
      run((ws) => {
        ws.getRange('B1').format.fill.color = '#FF0000';
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(
      run((ws) => {
        ws.getRange('A1').format.protection.locked = false;
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(
      run((ws) => {
        ws.protection.protect();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  it('unprotects (a no-op when unprotected) and checks passwords', async () => {
    const { wb, run } = sim();
    await run((ws) => {
      ws.protection.unprotect();
      ws.protection.protect({}, 'pw');
    });
    await expect(
      run((ws) => {
        ws.protection.unprotect();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await run((ws) => {
      ws.protection.unprotect('pw');
      ws.getRange('A1').values = [['free']];
    });
    expect(wb.values('Sheet1', 'A1')).toEqual([['free']]);
  });
});

describe('XSIM3: validation lists', () => {
  it('takes inline sources up to 255 characters or range references, and checks typed values', async () => {
    const { wb, run } = sim();
    const long = Array.from({ length: 30 }, (_, i) => `第${i}类诉求事项`).join(',');
    await expect(
      run((ws) => {
        ws.getRange('A1').dataValidation.rule = { list: { inCellDropDown: true, source: long } };
      }),
    ).rejects.toThrow(/limit is 255/);
    await run((ws) => {
      ws.getRange('A1:A5').dataValidation.rule = { list: { inCellDropDown: true, source: '是,否' } };
      ws.getRange('C1:C2').values = [['甲'], ['乙']];
      ws.getRange('B1:B5').dataValidation.rule = { list: { inCellDropDown: true, source: "='Sheet1'!$C$1:$C$2" } };
    });
    wb.user.type('Sheet1', 'A1', '是');
    wb.user.type('Sheet1', 'B1', '乙');
    expect(() => wb.user.type('Sheet1', 'A2', '也许')).toThrow(/data validation/);
    expect(() => wb.user.type('Sheet1', 'B2', '丙')).toThrow(/data validation/);
    wb.user.paste('Sheet1', 'A3', [['粘贴绕过校验']]);
    expect(wb.values('Sheet1', 'A1:B3')).toEqual([
      ['是', '乙'],
      ['', ''],
      ['粘贴绕过校验', ''],
    ]);
    await expect(
      run((ws) => {
        ws.getRange('D1').dataValidation.rule = { wholeNumber: { formula1: 1, operator: 'GreaterThan' } };
      }),
    ).rejects.toMatchObject({ code: 'NotImplemented' });
  });
});

describe('XSIM3: conditional formats', () => {
  it('evaluates =$X3="text" rules relative to the first row, highest priority first, without the add-in', async () => {
    const { wb, run } = sim();
    await run((ws) => {
      ws.getRange('A3:C3').values = [['a', 'b', '超期']];
      ws.getRange('A4:C4').values = [['a', 'b', '临期']];
      ws.getRange('A5:C5').values = [['a', 'b', '正常']];
      const body = ws.getRange('A3:C5');
      for (const [text, fill, font] of [
        ['临期', '#FFEB9C', '#9C5700'],
        ['超期', '#FFC7CE', '#9C0006'],
      ]) {
        const cf = body.conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
        cf.custom.rule.formula = `=$C3="${text}"`;
        cf.custom.format.fill.color = fill as string;
        cf.custom.format.font.color = font as string;
      }
    });
    const sheet = wb.sheet('Sheet1');
    expect([2, 3, 4].map((r) => effectiveFill(sheet, r, 0))).toEqual(['#FFC7CE', '#FFEB9C', null]);
    expect(effectiveFont(sheet, 2, 1)).toBe('#9C0006');
    wb.user.type('Sheet1', 'C5', '超期');
    expect(effectiveFill(sheet, 4, 2)).toBe('#FFC7CE');
    await expect(
      run((ws) => {
        ws.getRange('A1').conditionalFormats.add('Custom' as Excel.ConditionalFormatType).custom.rule.formula =
          '=NETWORKDAYS($C3,$D3)>1';
      }),
    ).rejects.toMatchObject({ code: 'NotImplemented' });
    await run((ws) => {
      ws.getRange('A3:C5').conditionalFormats.clearAll();
    });
    expect(sheet.conditionalFormats.filter((cf) => cf.rect.row === 2)).toEqual([]);
  });
});
