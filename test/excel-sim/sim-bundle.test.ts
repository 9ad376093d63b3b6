// The simulator bundles for the browser (no Node APIs) and, injected into a page, provides window.Excel and window.Office.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { expect, it } from 'vitest';

it('XSIM1: bundles with esbuild for the browser and works as window.Excel', async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./browser.ts', import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  expect(code).not.toMatch(/require\(|node:/);
  const page: Record<string, unknown> = { setTimeout, clearTimeout, console };
  page.window = page;
  createContext(page);
  runInContext(code, page);
  const { Excel, Office, excelSim } = page as unknown as {
    Excel: typeof globalThis.Excel;
    Office: typeof globalThis.Office;
    excelSim: { values(s: string, a: string): unknown };
  };
  await Office.onReady();
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['from the page']];
    await ctx.sync();
  });
  expect(excelSim.values('Sheet1', 'A1')).toEqual([['from the page']]);
});
