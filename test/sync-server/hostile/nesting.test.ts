// Attack 2: 5,000 nested maps (≈ 50 KB) from a viewer or a unit — under a new root, under `units`, inside a case field.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { casesOf } from '../../../shared/ydoc-layout';
import { ADMIN_TOKEN, Harness, waitFor } from '../integration/harness';
import { sceneForEachTest, assertConsistent, assertRoomAlive, handlingCase } from './invariants';

const t = sceneForEachTest();

/** 5,000 maps, each inside the previous one, starting below `at`. */
function nest(at: Y.Map<unknown>, depth = 5000): void {
  let m = at;
  for (let i = 0; i < depth; i++) {
    const next = new Y.Map<unknown>();
    m.set('k', next);
    m = next;
  }
}

const ATTACKS: [string, (doc: Y.Doc, caseId: string) => void][] = [
  ['under a new root type', (doc) => nest(doc.getMap('evil'))],
  [
    'under the units map',
    (doc) => {
      const m = new Y.Map<unknown>();
      doc.getMap('units').set('u-evil', m);
      nest(m);
    },
  ],
  [
    'inside a case field',
    (doc, caseId) => {
      const m = new Y.Map<unknown>();
      (casesOf(doc).get(caseId) as unknown as Y.Map<unknown>).set('findings', m);
      nest(m);
    },
  ],
];

describe('hostile: deep nesting never freezes a room', () => {
  it.each(ATTACKS)(
    'SYNC10: a viewer nesting 5,000 maps %s is refused whole; the ledger keeps storing and broadcasting',
    async (_what, attack) => {
      const caseId = await handlingCase(t.h, t.s);
      const viewer = t.h.connect('ledger', t.s.tokens.viewer);
      await viewer.synced();
      viewer.doc.transact(() => attack(viewer.doc, caseId));
      await waitFor(() => viewer.closeCodes.includes(1007), 'refused whole, closed with 1007');
      expect(viewer.rejections.map((r) => r.code)).toEqual([
        expect.stringMatching(/^(INVALID_STRUCTURE|FIELD_SERVER_OWNED|READ_ONLY)$/),
      ]);
      viewer.destroy();
      // the room is alive: an office edit is stored and broadcast, a command answers and is kept over a restart
      await assertRoomAlive(t.h, 'ledger', ADMIN_TOKEN, caseId, 'address', '嵌套攻击之后的修改');
      await t.h.ok(ADMIN_TOKEN, 'POST', `/api/cases/${caseId}/supervise`, { note: '请加快办理' });
      await assertConsistent(t.h, [{ room: `unit:${t.s.units.lead}`, token: t.s.tokens.lead }]);
      const dir = t.h.dataDir;
      await t.h.stop(false);
      t.h = await Harness.start(dir);
      const after = await t.h.ok<{ fields: Record<string, unknown> }>(ADMIN_TOKEN, 'GET', `/api/cases/${caseId}`);
      expect(after.fields.address).toBe('嵌套攻击之后的修改');
      expect(after.fields.supervisionCount).toBe(1);
      await assertConsistent(t.h);
    },
  );

  it.each(ATTACKS)(
    'SYNC10: a unit nesting 5,000 maps %s in its room freezes neither its room nor the ledger',
    async (_what, attack) => {
      const caseId = await handlingCase(t.h, t.s);
      const lead = t.h.connect(`unit:${t.s.units.lead}`, t.s.tokens.lead);
      await lead.synced();
      lead.doc.transact(() => attack(lead.doc, caseId));
      await waitFor(() => lead.closeCodes.includes(1007), 'refused whole, closed with 1007');
      expect(lead.rejections.map((r) => r.code)).toEqual([
        expect.stringMatching(/^(INVALID_STRUCTURE|FIELD_SERVER_OWNED)$/),
      ]);
      lead.destroy();
      await assertRoomAlive(t.h, `unit:${t.s.units.lead}`, t.s.tokens.lead, caseId, 'handler', '嵌套之后的经办人');
      // and the ledger still projects: an office edit reaches the cooperating unit's room
      const co = t.h.connect(`unit:${t.s.units.co}`, t.s.tokens.co);
      await co.synced();
      await assertRoomAlive(t.h, 'ledger', ADMIN_TOKEN, caseId, 'address', '办公室之后的修改');
      await waitFor(
        () => (casesOf(co.doc).get(caseId) as unknown as Y.Map<unknown>).get('address') === '办公室之后的修改',
        'projection to the co unit',
      );
      await assertConsistent(t.h, [
        { room: `unit:${t.s.units.lead}`, token: t.s.tokens.lead },
        { room: `unit:${t.s.units.co}`, token: t.s.tokens.co },
      ]);
    },
  );
});
