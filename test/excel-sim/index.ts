// The Excel JavaScript API simulator for tests: install it on globalThis/window, drive users, inspect the workbook.
export { installExcelSimulator, createExcel, createOffice } from './install';
export type { SimExcel, SimOffice, SimRequestContext } from './install';
export { createWorkbook, SimWorkbook } from './workbook';
export type { SimStats, SimTable, WorkbookOptions } from './workbook';
export type { SimSheet } from './sheet';
export { effectiveFill, effectiveFont, LIST_SOURCE_LIMIT } from './host-rules';
export { SimError } from './errors';
export { columnLetters, formatRect, parseAddress } from './address';
export { PAYLOAD_LIMIT_BYTES, jsonBytes } from './payload';
