// An in-memory SyncBackend for the transport tests: one doc per room, key 'forbidden' in 'cases' refused, durable after setImmediate.
import * as Y from 'yjs';
import type { Actor } from '../../../shared/case';
import type { Rejection, SyncBackend } from '../../../sync-server/sync/backend';

export const OFFICE: Actor = { userId: 'o1', name: '营商办张三', role: 'office', unitId: null };
export const UNIT_A: Actor = { userId: 'a1', name: '单位A李四', role: 'unit', unitId: 'a' };
/** Origin of writes the backend makes itself. */
export const SERVER_ORIGIN = { server: true };

type Listener = (room: string, update: Uint8Array, origin: unknown, echoToOrigin: boolean) => void;
interface Commit { room: string; update: Uint8Array; origin: unknown; echo: boolean }

export interface FakeBackendOptions {
  /** When true, nothing becomes durable until flush() is called (for ordering tests). */
  manual?: boolean;
}

export class FakeBackend implements SyncBackend {
  readonly docs = new Map<string, Y.Doc>();
  authCalls = 0;
  applyCalls = 0;
  private readonly listeners = new Set<Listener>();
  private queue: Commit[] = [];
  private waiters: Array<() => void> = [];
  private scheduled = false;
  private echo = false;

  constructor(private readonly opts: FakeBackendOptions = {}) {}

  async authenticate(token: string | null): Promise<Actor | null> {
    this.authCalls++;
    if (token === 'good') return OFFICE;
    if (token === 'unit-a') return UNIT_A;
    return null;
  }

  mayJoin(actor: Actor, room: string): boolean {
    return actor.role === 'unit' ? room === `unit:${actor.unitId ?? ''}` : room === 'ledger';
  }

  doc(room: string): Y.Doc {
    let doc = this.docs.get(room);
    if (doc === undefined) {
      const created = new Y.Doc();
      created.on('update', (update: Uint8Array, origin: unknown) => this.enqueue({ room, update, origin, echo: this.echo }));
      this.docs.set(room, created);
      doc = created;
    }
    return doc;
  }

  applyClientUpdate(room: string, _actor: Actor, origin: object, update: Uint8Array): Rejection[] {
    this.applyCalls++;
    const doc = this.doc(room);
    const cases = doc.getMap<unknown>('cases');
    const rejections: Rejection[] = [];
    try {
      doc.transact(tr => {
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

  whenDurable(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise(resolve => this.waiters.push(resolve));
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

  /** The full encoded state of every room, for before/after comparisons. */
  snapshot(): Map<string, string> {
    return new Map([...this.docs].map(([room, doc]) => [room, Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64')]));
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private enqueue(c: Commit): void {
    this.queue.push(c);
    if (this.opts.manual === true || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}
