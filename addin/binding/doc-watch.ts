// Which cases of the room's Y.Doc changed: the ids of changed cases, or "all" when the units' names changed.
import type * as Y from 'yjs';
import { casesOf, unitsOf } from '../../shared/ydoc-layout';

/** Calls `changed` with the ids of cases added, removed or edited, and `unitsChanged` when a unit is renamed; unwatch. */
export function watchDoc(doc: Y.Doc, changed: (ids: string[]) => void, unitsChanged: () => void): () => void {
  const onCases = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const ids: string[] = [];
    for (const ev of events) {
      if (ev.path.length === 0) ids.push(...ev.keys.keys());
      else if (typeof ev.path[0] === 'string') ids.push(ev.path[0]);
    }
    changed(ids);
  };
  casesOf(doc).observeDeep(onCases);
  unitsOf(doc).observeDeep(unitsChanged);
  return () => {
    casesOf(doc).unobserveDeep(onCases);
    unitsOf(doc).unobserveDeep(unitsChanged);
  };
}
