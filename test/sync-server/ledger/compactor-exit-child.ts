// Tests only: a process whose only work is one compaction job, with an idle time far longer than any test (STORE43).
import * as Y from 'yjs';
import { Compactor } from '../../../sync-server/ledger/compactor';

const doc = new Y.Doc();
doc.getMap('cases').set('c-1', '第1号诉求');
const compactor = new Compactor(true, 10 * 60 * 1000);
const snapshot = await compactor.snapshot([Y.encodeStateAsUpdate(doc)]);
const again = new Y.Doc();
Y.applyUpdate(again, snapshot);
console.log(`answered ${String(again.getMap('cases').get('c-1'))}`);
