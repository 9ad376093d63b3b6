// STORE33: the ledger room, decoded after the start, brought in line with the stored case states (the accepted state).
import type { CaseFields } from '../../shared/case';
import { caseFromMap, casesOf, writeFields } from '../../shared/ydoc-layout';
import * as Y from 'yjs';
import { SERVER_ORIGIN } from './room-docs';

/**
 * Writes every accepted case into the ledger room's document where it differs (changes accepted while the room was not
 * decoded, and any a crash left only in case_states; unchanged values are not written). A case only the room holds —
 * never the case when both are written together — is adopted through `adopt` (into the cases and case_states) rather
 * than lost, and reported. Returns the ids adopted.
 */
export function reconcileLedgerRoom(
  doc: Y.Doc,
  accepted: ReadonlyMap<string, CaseFields>,
  adopt: (id: string, fields: CaseFields) => void,
  log: (message: string) => void = (m) => console.error(m),
): string[] {
  const cases = casesOf(doc);
  const adopted: string[] = [];
  cases.forEach((map, id) => {
    if (!accepted.has(id) && map instanceof Y.Map) adopted.push(id);
  });
  for (const id of adopted) {
    const map = cases.get(id);
    if (map !== undefined) adopt(id, caseFromMap(id, map).fields);
  }
  if (adopted.length > 0)
    log(`[同步] 台账房间中有 ${adopted.length} 件诉求不在已存的诉求状态中，已补入：${adopted.join('、')}`);
  doc.transact(() => {
    for (const [id, fields] of accepted) writeFields(doc, id, fields, SERVER_ORIGIN);
  }, SERVER_ORIGIN);
  return adopted;
}
