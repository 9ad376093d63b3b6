// XSIM40, XSIM41: Excel.createWorkbook(base64) — a new workbook from a real .xlsx, checked as Excel would need it.
import { SimError } from './errors';
import type { SimWorkbook } from './workbook';

/** A workbook the add-in opened with Excel.createWorkbook: the bytes it gave (empty for a blank workbook). */
export interface CreatedWorkbook {
  bytes: Uint8Array;
  /** The package's part names (read from its central directory). */
  parts: string[];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decode(base64: string): Uint8Array {
  if (base64.length % 4 !== 0 || !BASE64.test(base64))
    throw new SimError(
      'InvalidArgument',
      'Excel.createWorkbook: the argument is not base64 (RFC 4648, no line breaks)',
    );
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The part names of a zip file from its central directory (APPNOTE 4.3.12, 4.3.16); throws when it is not one. */
export function zipPartNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0)
    throw new SimError('InvalidArgument', 'Excel.createWorkbook: the file is not an .xlsx (not a zip package)');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      throw new SimError('InvalidArgument', 'Excel.createWorkbook: the .xlsx is damaged (central directory)');
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    names.push(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra;
  }
  return names;
}

/**
 * XSIM40: `Excel.createWorkbook(base64File?)` (ExcelApi 1.8) — below 1.8 it does not exist (`ApiNotFound`); the argument
 * must be base64 of an .xlsx package holding `[Content_Types].xml` and `xl/workbook.xml` (InvalidArgument otherwise,
 * assumed stricter); it counts against the request payload limit (XSIM1). XSIM41: the new workbook is recorded, the
 * add-in's own workbook is unchanged.
 */
export function createWorkbookFor(wb: SimWorkbook, created: CreatedWorkbook[]) {
  return async (base64File?: string): Promise<void> => {
    if (wb.apiVersion < 8) throw new SimError('ApiNotFound', 'Excel.createWorkbook needs ExcelApi 1.8');
    if (base64File === undefined) {
      created.push({ bytes: new Uint8Array(0), parts: [] });
      return;
    }
    if (typeof base64File !== 'string')
      throw new SimError('InvalidArgument', 'Excel.createWorkbook: base64File must be a string');
    if (base64File.length > wb.payloadLimit)
      throw new SimError(
        'RequestPayloadSizeLimitExceeded',
        'Excel.createWorkbook: the file is larger than the request limit',
      );
    const bytes = decode(base64File);
    const parts = zipPartNames(bytes);
    for (const need of ['[Content_Types].xml', 'xl/workbook.xml'])
      if (!parts.includes(need))
        throw new SimError('InvalidArgument', `Excel.createWorkbook: the .xlsx has no ${need}`);
    created.push({ bytes, parts });
  };
}
