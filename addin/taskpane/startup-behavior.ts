// BIND12: once connected, the add-in asks Office to load it with this document next time (when the host supports it).
/// <reference types="office-js" />

/** The part of Office.js this needs (tests pass a stand-in). */
export interface StartupOffice {
  context?: {
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
    /** BIND38: where the workbook is (a web URL when it is on OneDrive or SharePoint). */
    document?: { url?: string | null };
  };
  addin?: { setStartupBehavior?(behavior: string): Promise<void> };
  StartupBehavior?: { load: string };
}

/**
 * `Office.addin.setStartupBehavior(Office.StartupBehavior.load)` (SharedRuntime 1.1; the manifest's shared runtime
 * with lifetime="long" is what it needs — https://learn.microsoft.com/office/dev/add-ins/develop/run-code-on-document-open):
 * the document remembers it, so the next time it is opened the runtime starts and the binding compares the sheet with
 * the kept state before anyone types much. Feature-detected; a refusal is logged, never fatal. Returns whether set.
 */
export async function loadWithDocument(office: StartupOffice | undefined): Promise<boolean> {
  const set = office?.addin?.setStartupBehavior;
  const load = office?.StartupBehavior?.load;
  if (set === undefined || load === undefined) return false;
  if (office?.context?.requirements?.isSetSupported('SharedRuntime', '1.1') !== true) return false;
  try {
    await set.call(office?.addin, load);
    return true;
  } catch (e) {
    console.warn('[台账] 无法设置随文档加载（setStartupBehavior）', e);
    return false;
  }
}

/** The global Office object, when there is one. */
export function globalOffice(): StartupOffice | undefined {
  return (globalThis as unknown as { Office?: StartupOffice }).Office;
}
