// HTTP11/AUTH5 cost: creating a unit writes one short entry per existing room and the new room's list — linear, not quadratic.
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { createMemoryStore } from '../../../sync-server/store/memory-store';

describe('creating units', () => {
  it('HTTP11: the 300th unit costs one small update per existing room plus the new room; nothing is rewritten', async () => {
    let n = 0;
    const ledger = await Ledger.open({
      store: createMemoryStore(),

      clock: () => Date.parse('2026-11-29T10:00:00+08:00'),
      newId: (p) => `${p}-${++n}`,
    });
    const perCreation: { rooms: number; updates: number; maxOld: number; newRoom: number; ms: number }[] = [];
    for (let i = 1; i <= 300; i++) {
      const sizes = new Map<string, number>();
      const off = ledger.onCommitted((room, update) => sizes.set(room, (sizes.get(room) ?? 0) + update.length));
      const rooms = ledger.docs.rooms().length;
      const t0 = performance.now();
      const unit = await ledger.createUnit(`承办单位${i}`, null);
      const ms = performance.now() - t0;
      off();
      const newRoom = sizes.get(`unit:${unit.id}`) ?? 0;
      sizes.delete(`unit:${unit.id}`);
      perCreation.push({ rooms, updates: sizes.size, maxOld: Math.max(0, ...sizes.values()), newRoom, ms });
    }
    const at = (i: number) => perCreation[i - 1] as (typeof perCreation)[number];
    console.log(
      `[figures] unit creation: #10 ${at(10).ms.toFixed(2)} ms, #100 ${at(100).ms.toFixed(2)} ms, #300 ${at(300).ms.toFixed(2)} ms; ` +
        `#300 wrote ${at(300).updates} room updates of at most ${at(300).maxOld} B and ${at(300).newRoom} B for its own room`,
    );
    for (const c of perCreation) {
      expect(c.updates).toBe(c.rooms); // every existing room once (the ledger and each unit room)
      expect(c.maxOld).toBeLessThan(120); // one short entry, however many units exist
    }
    expect(at(300).newRoom).toBeLessThan(300 * 80); // the new room lists every unit once
    ledger.close();
  });
});
