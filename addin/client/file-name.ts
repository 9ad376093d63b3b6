// ADDIN50: the file name of a download from its Content-Disposition — the RFC 5987 `filename*` (Chinese), else `filename`.

/** The name a browser would save the file under; `fallback` when the header gives none. Path separators never pass. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition ?? '');
  let name: string | null = null;
  if (star?.[1] !== undefined) {
    try {
      name = decodeURIComponent(star[1].trim());
    } catch {
      name = null;
    }
  }
  name ??= /filename\s*=\s*"([^"]*)"/i.exec(disposition ?? '')?.[1] ?? null;
  const safe = [...(name ?? '').replace(/[\\/:*?"<>|]/g, '_')]
    .map((ch) => (ch.charCodeAt(0) < 0x20 ? '_' : ch))
    .join('')
    .trim();
  return safe === '' || safe === '.' || safe === '..' ? fallback : safe;
}
