// HTTP48: a generated file as a download — its content type and a Chinese file name (RFC 5987) with an ASCII fallback.
import type { Context } from 'hono';
import { xmlSafe } from '../../shared/forms/xml-safe';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 5987 value-chars: UTF-8 percent-encoded, with the characters encodeURIComponent leaves but attr-char forbids. */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="ascii"; filename*=UTF-8''…`: old clients take the ASCII name, every browser the Chinese one. */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^A-Za-z0-9._-]/g, '_') || 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(xmlSafe(fileName))}`;
}

export function sendDownload(c: Context, bytes: Uint8Array, type: string, fileName: string, ascii: string): Response {
  return c.body(new Uint8Array(bytes).buffer, 200, {
    'Content-Type': type,
    'Content-Disposition': contentDisposition(fileName, ascii),
    'Content-Length': String(bytes.byteLength),
  });
}
