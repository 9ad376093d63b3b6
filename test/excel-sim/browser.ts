// Browser entry of the Excel simulator: bundle with esbuild and inject before the add-in so it finds window.Excel/Office.
import { installExcelSimulator } from './install';

declare global {
  interface Window {
    /** The simulated workbook, for the end-to-end test driver (users, inspection, statistics). */
    excelSim: ReturnType<typeof installExcelSimulator>['workbook'];
  }
}

window.excelSim = installExcelSimulator(window).workbook;
