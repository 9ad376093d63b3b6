// An in-memory SyncBackend for the transport tests: one doc per room, key 'forbidden' compensated, 'refused' refused whole, 'explode' failing.
import type { Rejection } from '../../../shared/contract/sync';
import * as Y from 'yjs';
import type { Actor } from '../../../shared/case';
import type { ClientUpdateOutcome, SyncBackend } from '../../../sync-server/sync/backend';

export const OFFICE: Actor = { userId: 'o1', name: '营商办张三', role: 'office', unitId: null };
export const OFFICE_2: Actor = { userId: 'o2', name: '营商办王五', role: 'office', unitId: null };
export const UNIT_A: Actor = { userId: 'a1', name: '单位A李四', role: 'unit', unitId: 'a' };
/** Token `user-<n>`: office user `u<n>` (for tests that need many distinct users). */
export const officeUser = (n: number): Actor => ({
  userId: `u${n}`,
  name: `营商办用户${n}`,
  role: 'office',
  unitId: null,
});
/** Origin of writes the backend makes itself. */
export const SERVER_ORIGIN = { server: true };

type Listener = (room: string, update: Uint8Array, origin: unknown, echoToOrigin: boolean) => void;
interface Commit {
  room: string;
  update: Uint8Array;
  origin: unknown;
  echo: boolean;
}

export interface FakeBackendOptions {
  /** When true, nothing becomes durable until flush() is called (for ordering tests). */
  manual?: boolean;
}

/** The map keys an update writes, read without applying it (throws on an undecodable update, like applyUpdate). */
function writtenKeys(update: Uint8Array): Set<string> {
  const keys = new Set<string>();
  for (const s of Y.decodeUpdate(update).structs) {
    if (s instanceof Y.Item && s.parentSub !== null) keys.add(s.parentSub);
  }
  return keys;
}

export class FakeBackend implements SyncBackend {
  readonly docs = new Map<string, Y.Doc>();
  authCalls = 0;
  applyCalls = 0;
  /** What available() answers. */
  storageUp = true;
  private readonly versions = new Map<string, number>();
  private readonly listeners = new Set<Listener>();
  private queue: Commit[] = [];
  private waiters: Array<() => void> = [];
  private scheduled = false;
  private echo = false;

  constructor(private readonly opts: FakeBackendOptions = {}) {}

  async authenticate(token: string | null): Promise<Actor | null> {
    this.authCalls++;
    if (token === 'good') return OFFICE;
    if (token === 'good-2') return OFFICE_2;
    if (token === 'unit-a') return UNIT_A;
    const n = /^user-(\d+)$/.exec(token ?? '')?.[1];
    return n === undefined ? null : officeUser(Number(n));
  }

  mayJoin(actor: Actor, room: string): boolean {
    return actor.role === 'unit' ? room === `unit:${actor.unitId ?? ''}` : room === 'ledger';
  }

  doc(room: string): Y.Doc {
    return this.docs.get(room) ?? this.attach(room, new Y.Doc());
  }

  version(room: string): number {
    this.doc(room);
    return this.versions.get(room) ?? 0;
  }

  available(): boolean {
    return this.storageUp;
  }

  applyClientUpdate(room: string, _actor: Actor, origin: object, update: Uint8Array): ClientUpdateOutcome {
    this.applyCalls++;
    const keys = writtenKeys(update);
    if (keys.has('refused')) {
      return {
        outcome: 'refused',
        rejections: [{ caseId: null, field: 'refused', code: 'INVALID_STRUCTURE', message: '更新结构不正确，未保存' }],
      };
    }
    if (keys.has('explode')) {
      // An internal error: the room is rolled back, which gives it a new document object.
      this.replaceDoc(room);
      return { outcome: 'failed', rejections: [] };
    }
    return { outcome: 'applied', rejections: this.applyCompensated(room, origin, update) };
  }

  whenDurable(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  onCommitted(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes everything queued durable: reports it through onCommitted, then resolves whenDurable(). */
  flush(): void {
    this.scheduled = false;
    const commits = this.queue;
    const waiters = this.waiters;
    this.queue = [];
    this.waiters = [];
    for (const c of commits) for (const l of [...this.listeners]) l(c.room, c.update, c.origin, c.echo);
    for (const w of waiters) w();
  }

  /** A write by the server itself (e.g. a workflow command). */
  serverWrite(room: string, write: (doc: Y.Doc) => void): void {
    const doc = this.doc(room);
    doc.transact(() => write(doc), SERVER_ORIGIN);
  }

  /** Gives the room a new document object with the same content (as a rollback or a reload from storage does). */
  replaceDoc(room: string): Y.Doc {
    const old = this.docs.get(room);
    const fresh = new Y.Doc();
    if (old !== undefined) {
      Y.applyUpdate(fresh, Y.encodeStateAsUpdate(old));
      old.destroy();
    }
    return this.attach(room, fresh);
  }

  /** The full encoded state of every room, for before/after comparisons. */
  snapshot(): Map<string, string> {
    return new Map(
      [...this.docs].map(([room, doc]) => [room, Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64')]),
    );
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private applyCompensated(room: string, origin: object, update: Uint8Array): Rejection[] {
    const doc = this.doc(room);
    const cases = doc.getMap<unknown>('cases');
    const rejections: Rejection[] = [];
    try {
      doc.transact((tr) => {
        Y.applyUpdate(doc, update, origin);
        if ((tr.changed as Map<unknown, Set<string | null>>).get(cases)?.has('forbidden') && cases.has('forbidden')) {
          cases.delete('forbidden');
          this.echo = true;
          rejections.push({ caseId: null, field: 'forbidden', code: 'FIELD_SERVER_OWNED', message: '此列不能修改' });
        }
      }, origin);
    } finally {
      this.echo = false;
    }
    return rejections;
  }

  private attach(room: string, doc: Y.Doc): Y.Doc {
    this.docs.set(room, doc);
    this.bump(room);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.bump(room);
      this.enqueue({ room, update, origin, echo: this.echo });
    });
    return doc;
  }

  private bump(room: string): void {
    this.versions.set(room, (this.versions.get(room) ?? 0) + 1);
  }

  private enqueue(c: Commit): void {
    this.queue.push(c);
    if (this.opts.manual === true || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}
