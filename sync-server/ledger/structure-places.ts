// SYNC10: where each struct of an update would land — followed iteratively, exactly as Yjs integrates it — and the refusal type.
import * as Y from 'yjs';
import type { ErrorCode } from '../../shared/errors';
import type { Struct } from './structure-costs';

export type AnyType = Y.AbstractType<unknown>;

/** Where an item lands: a root type by name, a type already in the document, a type this update creates, or nowhere (Yjs turns it into GC). */
export type Container =
  | { readonly kind: 'root'; readonly name: string }
  | { readonly kind: 'type'; readonly type: AnyType }
  | { readonly kind: 'new'; readonly item: Y.Item }
  | { readonly kind: 'void' };

export interface Place {
  readonly container: Container;
  readonly key: string | null;
}

export const SHAPE = '同步内容的结构不符合台账格式（只能修改诉求的字段值），已整体拒绝';
export const MISSING = '更新缺少前置内容（服务器没有它所依赖的修改），已整体拒绝';

/** A refusal: `reason` is for logs (English, no client data), `message` for the user. */
export class Refused extends Error {
  constructor(
    readonly reason: string,
    readonly userMessage: string = SHAPE,
    readonly code: ErrorCode = 'INVALID_STRUCTURE',
  ) {
    super(reason);
  }
}

const VOID: Place = { container: { kind: 'void' }, key: null };

/** Finds the struct holding `clock` in one client's structs sorted by clock (binary search). */
function findStruct(list: readonly Struct[], clock: number): Struct | null {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid] as Struct;
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return null;
}

/** Resolves where the items of one update land, against the room's document and the update's own structs. */
export class Places {
  private readonly memo = new Map<Y.Item, Place>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly byClient: ReadonlyMap<number, Struct[]>,
    private readonly maxSteps: number,
  ) {}

  findInUpdate(id: Y.ID): Struct | null {
    const list = this.byClient.get(id.client);
    return list === undefined ? null : findStruct(list, id.clock);
  }

  findInDoc(id: Y.ID): Y.Item | Y.GC | null {
    const list = this.doc.store.clients.get(id.client);
    if (list === undefined || id.clock >= Y.getState(this.doc.store, id.client)) return null;
    return findStruct(list as Struct[], id.clock) as Y.Item | Y.GC | null;
  }

  /**
   * Where an item lands, following origins iteratively (never recursively): an item without explicit parent takes
   * its left origin's parent and key. Origins that point nowhere are missing dependencies; a GC'd origin or parent
   * makes Yjs drop the item (void).
   */
  place(item: Y.Item): Place {
    const chain: Y.Item[] = [];
    let cur = item;
    let base: Place;
    for (;;) {
      if (chain.length > this.maxSteps) throw new Refused('origins do not end');
      const memo = this.memo.get(cur);
      if (memo !== undefined) {
        base = memo;
        break;
      }
      chain.push(cur);
      if (cur.parent !== null) {
        base = this.explicitPlace(cur);
        break;
      }
      const origin = cur.origin;
      if (origin === null) throw new Refused('an item without parent or origin');
      const inUpdate = this.findInUpdate(origin);
      if (inUpdate !== null) {
        if (!(inUpdate instanceof Y.Item)) {
          base = VOID;
          break;
        }
        cur = inUpdate; // an earlier struct (checkDependencies refused cycles)
        continue;
      }
      base = this.placeInDoc(origin);
      break;
    }
    for (const c of chain) this.memo.set(c, base);
    return base;
  }

  /** The place of an item whose parent is written out: a root name, or the id of the item holding the parent type. */
  private explicitPlace(item: Y.Item): Place {
    const parent = item.parent as unknown;
    const key = item.parentSub;
    if (typeof parent === 'string') return { container: { kind: 'root', name: parent }, key };
    if (!(parent instanceof Y.ID)) throw new Refused('an unreadable parent');
    const inUpdate = this.findInUpdate(parent);
    if (inUpdate !== null) {
      if (!(inUpdate instanceof Y.Item) || !(inUpdate.content instanceof Y.ContentType)) return VOID;
      return { container: { kind: 'new', item: inUpdate }, key };
    }
    const inDoc = this.findInDoc(parent);
    if (inDoc === null) throw new Refused('parent missing', MISSING);
    if (!(inDoc instanceof Y.Item) || !(inDoc.content instanceof Y.ContentType)) return VOID;
    return { container: { kind: 'type', type: inDoc.content.type as AnyType }, key };
  }

  /** The place of an existing item of the document, as seen from an item that names it as its origin. */
  private placeInDoc(id: Y.ID): Place {
    const found = this.findInDoc(id);
    if (found === null) throw new Refused('origin missing', MISSING);
    if (!(found instanceof Y.Item) || !(found.parent instanceof Y.AbstractType)) return VOID;
    return { container: { kind: 'type', type: found.parent as AnyType }, key: found.parentSub };
  }
}
