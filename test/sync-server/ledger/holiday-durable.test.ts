// CAL8: an uploaded notice is put into use only once the store holds it; a failing write leaves the old calendar.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/case';
import { loadHolidayYear } from '../../../sync-server/ledger/holiday-upload';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import type { Store, StoreWrite } from '../../../sync-server/store/store';
import { NOTICE_2027 } from '../../fixtures/holiday-notices';

const office: Actor = { userId: 'admin', name: '营商办', role: 'office', unitId: null };

/** A memory store whose batches holding a holiday year wait until the test lets them fail or pass. */
function gatedStore() {
  const inner = createMemoryStore({ log: () => undefined });
  const held: { writes: readonly StoreWrite[]; release: (fail: boolean) => void }[] = [];
  const store = new Proxy(inner, {
    get(target, key, receiver) {
      if (key !== 'appendAll') return Reflect.get(target, key, receiver) as unknown;
      return (writes: readonly StoreWrite[]) => {
        if (!writes.some((w) => w.kind === 'holidayYear')) return target.appendAll(writes);
        return new Promise<void>((resolve, reject) => {
          held.push({
            writes,
            release: (fail) => (fail ? reject(new Error('disk I/O error')) : resolve(target.appendAll(writes))),
          });
        });
      };
    },
  }) as Store;
  return { store, held };
}

async function openLedger(store: Store) {
  let n = 0;
  return Ledger.open({
    store,
    clock: () => Date.parse('2026-12-20T10:00:00+08:00'),
    newId: (p) => `${p}-${++n}`,
    log: () => undefined,
  });
}

describe('CAL8 persist first, then switch the calendar', () => {
  it('while the write is pending the old calendar is in force; when it fails the old one stays', async () => {
    const { store, held } = gatedStore();
    const ledger = await openLedger(store);
    // without a 2027 notice 2027-01-01 (a Friday) is counted as a working day (CAL3)
    expect(ledger.calendar.isWorkingDay('2027-01-01')).toBe(true);
    const loading = loadHolidayYear(ledger, office, 2027, NOTICE_2027);
    await Promise.resolve();
    expect(held).toHaveLength(1);
    expect(ledger.calendar.isWorkingDay('2027-01-01')).toBe(true);
    expect(ledger.uploadedHolidayYears()).toEqual([]);
    held[0]?.release(true);
    await expect(loading).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(ledger.calendar.isWorkingDay('2027-01-01')).toBe(true);
    expect(ledger.uploadedHolidayYears()).toEqual([]);
    ledger.close();
  });

  it('once the write is durable the notice is in use', async () => {
    const { store, held } = gatedStore();
    const ledger = await openLedger(store);
    const loading = loadHolidayYear(ledger, office, 2027, NOTICE_2027);
    await Promise.resolve();
    held[0]?.release(false);
    expect((await loading).ok).toBe(true);
    expect(ledger.calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(ledger.uploadedHolidayYears().map((y) => y.year)).toEqual([2027]);
    ledger.close();
  });
});
