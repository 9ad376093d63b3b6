// ANX7: text that an Office XML part cannot hold — lone surrogates, control characters — replaced visibly by U+FFFD.

/**
 * XML 1.0 allows tab, LF, CR and U+0020 onwards except U+FFFE/U+FFFF and unpaired surrogates. Everything else would
 * make Word, Excel or LibreOffice refuse (or "repair") the file, so it becomes the replacement character �.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const REPLACEMENT = '\uFFFD';

/** The text with every character XML cannot hold replaced by U+FFFD (one per UTF-16 unit). */
export function xmlSafe(s: string): string {
  return s.replace(NOT_XML, REPLACEMENT);
}
