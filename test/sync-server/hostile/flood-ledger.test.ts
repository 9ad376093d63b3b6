// Attack 4 on the real server: forged awareness and a sync step 1 flood against the ledger room, with the suite's invariants after.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { encodeAwarenessEntries } from '../../../sync-server/sync/protocol';
import { ADMIN_TOKEN, waitFor } from '../integration/harness';
import { sceneForEachTest, assertConsistent, assertRoomAlive, registeredCase } from './invariants';

const t = sceneForEachTest();

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

describe('hostile: awareness and step 1 on the ledger room', () => {
  it('SYNC8: a viewer can neither overwrite nor remove an office clerk’s presence; the ledger keeps working', async () => {
    const caseId = await registeredCase(t.h);
    const clerk = t.h.connect('ledger', ADMIN_TOKEN);
    const observer = t.h.connect('ledger', ADMIN_TOKEN);
    const viewer = t.h.connect('ledger', t.s.tokens.viewer);
    await Promise.all([clerk.synced(), observer.synced(), viewer.synced()]);
    clerk.provider.awareness.setLocalState({ user: { name: '营商办张三' }, cell: 'B7' });
    const id = clerk.doc.clientID;
    const seenByObserver = () =>
      observer.provider.awareness.getStates().get(id) as { user?: { name: string } } | undefined;
    await waitFor(() => seenByObserver()?.user?.name === '营商办张三', 'the observer sees the clerk');
    const forged = (state: unknown) =>
      frame((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, encodeAwarenessEntries([{ clientID: id, clock: 1_000_000, state }]));
      });
    const ws = viewer.provider.ws as unknown as { send(b: Uint8Array): void };
    ws.send(forged({ user: { name: '冒充的用户' } }));
    ws.send(forged(null));
    // a message after the forgeries: once its effect is visible, the forgeries have been handled
    clerk.provider.awareness.setLocalState({ user: { name: '营商办张三' }, cell: 'C8' });
    await waitFor(
      () => (observer.provider.awareness.getStates().get(id) as { cell?: string } | undefined)?.cell === 'C8',
      'the clerk’s next state',
    );
    expect(seenByObserver()?.user?.name).toBe('营商办张三');
    await assertConsistent(t.h);
    await assertRoomAlive(t.h, 'ledger', ADMIN_TOKEN, caseId, 'address', '在场状态攻击之后');
  });

  it('SYNC9: a viewer repeating 4-byte step 1 messages is closed with 1008 and banned; the office’s edits keep flowing', async () => {
    const caseId = await registeredCase(t.h);
    const viewer = t.h.connect('ledger', t.s.tokens.viewer);
    await viewer.synced();
    const ws = viewer.provider.ws as unknown as { send(b: Uint8Array): void; readyState: number };
    const step1 = new Uint8Array([0, 0, 1, 0]);
    for (let i = 0; i < 50 && ws.readyState === 1; i++) ws.send(step1);
    await waitFor(() => viewer.closeCodes.includes(1008), 'the flooder closed with 1008');
    viewer.destroy();
    await assertRoomAlive(t.h, 'ledger', ADMIN_TOKEN, caseId, 'address', '重复握手攻击之后');
    await assertConsistent(t.h);
  });
});
