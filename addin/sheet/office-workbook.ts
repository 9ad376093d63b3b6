// ADDIN53: a generated .xlsx opened as a new workbook — Excel.createWorkbook(base64), ExcelApi 1.8, feature-detected.
/// <reference types="office-js" />

/**
 * https://learn.microsoft.com/javascript/api/excel/excel#excel-excel-createworkbook-member-1: "Creates and opens a new
 * workbook. Optionally, the workbook can be pre-populated with a base64-encoded .xlsx file." (ExcelApi 1.8). False when
 * the host lacks the set or the function: the caller then downloads the file instead.
 */
export async function openNewWorkbook(
  excel: typeof Excel,
  supports: (set: string, version: string) => boolean,
  base64: string,
): Promise<boolean> {
  if (!supports('ExcelApi', '1.8') || typeof excel.createWorkbook !== 'function') return false;
  await excel.createWorkbook(base64);
  return true;
}
