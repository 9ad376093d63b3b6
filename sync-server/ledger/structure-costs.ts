// SYNC10's cost bounds: structs that cannot be applied in any order, and conflict resolution that would walk too far.
import * as Y from 'yjs';

export type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * Refuses (by throwing `refuse()`) an update Yjs could not apply in any order and would keep pending: an origin or
 * parent of the same client at or after its item, or references between clients that form a cycle with each
 * client's own order (Kahn's algorithm; linear in the structs and their references).
 */
export function checkDependencies(
  structs: readonly Struct[],
  findInUpdate: (id: Y.ID) => Struct | null,
  refuse: () => Error,
): void {
  const n = structs.length;
  const index = new Map<Struct, number>();
  structs.forEach((s, i) => index.set(s, i));
  const indegree = new Int32Array(n);
  const next: number[][] = [];
  const edge = (from: number, to: number) => {
    (next[from] ??= []).push(to);
    indegree[to] = (indegree[to] ?? 0) + 1;
  };
  structs.forEach((s, i) => {
    const before = structs[i - 1];
    if (before !== undefined && before.id.client === s.id.client) edge(i - 1, i);
    if (!(s instanceof Y.Item)) return;
    const parent = s.parent instanceof Y.ID ? s.parent : null;
    for (const ref of [s.origin, s.rightOrigin, parent]) {
      if (ref === null) continue;
      if (ref.client === s.id.client) {
        if (ref.clock >= s.id.clock) throw refuse();
        continue; // an earlier struct of the same client: the client's own order covers it
      }
      const target = findInUpdate(ref);
      const j = target === null ? undefined : index.get(target);
      if (j !== undefined) edge(j, i);
    }
  });
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) ready.push(i);
  let done = 0;
  while (ready.length > 0) {
    const i = ready.pop() as number;
    done++;
    for (const j of next[i] ?? []) {
      indegree[j] = (indegree[j] ?? 0) - 1;
      if (indegree[j] === 0) ready.push(j);
    }
  }
  if (done < n) throw refuse();
}

type AnyType = Y.AbstractType<unknown>;

/**
 * Yjs resolves concurrent writes to one map key by walking the items to the right of the new item's origin (all of
 * the key's items when it has none). Many items with the same origin, or an origin far left in a long chain, make
 * that walk quadratic. This counts the steps an update would cost and refuses past the budget.
 */
export class ConflictBudget {
  private used = 0;
  private readonly siblings = new Map<string, number>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;

  constructor(
    private readonly max: number,
    private readonly refuse: () => Error,
  ) {}

  private idOf(type: AnyType): number {
    let id = this.ids.get(type);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(type, id);
    }
    return id;
  }

  /** Charges the walk of one map item landing under `key` of `type`; throws once the update's budget is spent. */
  charge(item: Y.Item, key: string, type: AnyType, findInDoc: (id: Y.ID) => Y.Item | Y.GC | null): void {
    const origin = item.origin;
    const group = `${this.idOf(type)}|${key}|${origin === null ? '-' : `${origin.client}:${origin.clock}`}`;
    const prior = this.siblings.get(group) ?? 0; // earlier items of this update with the same origin lie in the way
    this.siblings.set(group, prior + 1);
    this.spend(prior);
    if (origin !== null) {
      const o = findInDoc(origin);
      if (o instanceof Y.Item) for (let r = o.right; r !== null; r = r.right) this.spend(1);
      return;
    }
    for (let o: Y.Item | null = type._map.get(key) ?? null; o !== null; o = o.left) this.spend(1);
  }

  private spend(steps: number): void {
    this.used += steps;
    if (this.used > this.max) throw this.refuse();
  }
}
