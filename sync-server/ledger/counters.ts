// NUM1/NUM2: the ledger's counters (序号, 诉求编号 and 督办单 numbers per year), moved with the unit of work that uses them.
import type { UnitOfWork } from './unit-of-work';

export const CASE_SEQ = 'case-seq';
export const caseYearCounter = (year: number): string => `case:${year}`;
export const supervisionCounter = (year: number): string => `supervision:${year}`;

export class Counters {
  private values = new Map<string, number>();

  /** Replaces every value with what the store holds. */
  load(values: Map<string, number>): void {
    this.values = values;
  }

  /** The value the next bump would give. */
  next(name: string): number {
    return (this.values.get(name) ?? 0) + 1;
  }

  /** NUM1/NUM2: +1 in the same unit as the case and its audit; undone with it. */
  bump(unit: UnitOfWork, name: string): number {
    const n = this.next(name);
    this.set(unit, name, n);
    return n;
  }

  /** NUM1/IMP4: an imported number moves the counter past it, so a new registration never collides. */
  raise(unit: UnitOfWork, name: string, atLeast: number): void {
    if ((this.values.get(name) ?? 0) < atLeast) this.set(unit, name, atLeast);
  }

  private set(unit: UnitOfWork, name: string, value: number): void {
    const before = this.values.get(name);
    this.values.set(name, value);
    unit.onRollback(() => (before === undefined ? this.values.delete(name) : this.values.set(name, before)));
    unit.write({ kind: 'counter', name, value });
  }
}
