// The real reader for the document tests: LibreOffice headless converts files to PDF; poppler reads the PDFs back.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Whether soffice and the poppler tools are installed (.ci/run installs them). */
export function haveLibreOffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts every file to PDF in one soffice call (a private profile, so parallel runs never share one); about a minute
 * is allowed per file. Returns the PDF paths in the order of `files`.
 */
export function convertToPdf(files: readonly string[], outDir: string): string[] {
  const profile = `/tmp/lo-profile-${process.pid}`;
  mkdirSync(outDir, { recursive: true });
  try {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files],
      { stdio: 'pipe', timeout: 60_000 * (files.length + 1) },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return files.map((f) => join(outDir, basename(f).replace(/\.[^.]+$/, '.pdf')));
}

/** The PDF's text as laid out (pdftotext -layout). */
export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
}

/** Page count and the first page's size in points. */
export function pdfPages(pdf: string): { pages: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const pages = /Pages:\s+(\d+)/.exec(info);
  return { pages: Number(pages?.[1] ?? 0), width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0) };
}

/** A PNG of the first page at 60 dpi, written as `<prefix>-1.png` (pdftoppm numbers its pages). */
export function firstPagePng(pdf: string, prefix: string): string {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, prefix]);
  return `${prefix}-1.png`;
}

/**
 * Where each of `expected` is found in `text`, searching after the previous one, all white space ignored
 * (pdftotext spaces Latin digits from CJK); -1 from the first one not found in that order.
 */
export function positionsInOrder(text: string, expected: readonly string[]): number[] {
  const flat = text.replace(/\s+/g, '');
  let from = 0;
  return expected.map((s) => {
    if (from < 0) return -1;
    const at = flat.indexOf(s.replace(/\s+/g, ''), from);
    from = at < 0 ? -1 : at + 1;
    return at;
  });
}
