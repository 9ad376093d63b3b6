// BIND38: how long the binding waits after claiming the workbook: a file in the cloud may be open elsewhere right now.
import type { StartupOffice } from './startup-behavior';

/**
 * Co-authors' Excel shows a cell changed elsewhere after a few seconds (autosave + sync). A workbook whose URL is on the
 * web (OneDrive, SharePoint: Office.context.document.url, https://learn.microsoft.com/javascript/api/office/office.document#office-office-document-url-member)
 * can be opened by another person at the same moment, so the binding waits this long and reads the claim again before
 * its first write. A local file (a path) or no URL: no wait.
 */
export const CLOUD_SETTLE_MS = 5_000;

export function claimSettleFor(office: StartupOffice | null | undefined): number {
  const url = office?.context?.document?.url;
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? CLOUD_SETTLE_MS : 0;
}
