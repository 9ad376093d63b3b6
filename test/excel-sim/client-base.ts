// The client half of the simulator: a RequestContext that queues operations until sync, and proxies with strict load semantics.
import { notSimulated, propertyNotLoaded, SimError } from './errors';
import { jsonBytes } from './payload';
import type { SimWorkbook } from './workbook';

export interface RunOptions {
  delayForCellEdit?: boolean;
}

interface Op {
  desc: Record<string, unknown>;
  apply: () => void;
}

export class SimContext {
  /** Set by the workbook proxy module (kept out of this file to avoid an import cycle). */
  workbook!: unknown;
  readonly trackedObjects = { add: (_o: unknown): void => {}, remove: (_o: unknown): void => {} };
  private queue: Op[] = [];
  private responses: { value: unknown; commit: () => void }[] = [];
  private closed = false;

  constructor(
    readonly wb: SimWorkbook,
    readonly options: RunOptions,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  enqueue(desc: Record<string, unknown>, apply: () => void): void {
    if (this.closed)
      throw new SimError(
        'InvalidObjectPath',
        'Simulator: this object belongs to an Excel.run that has already finished; its operations would never be sent.',
      );
    this.queue.push({ desc, apply });
  }

  /** Called by load operations while a request executes: the value goes into the response, commit() fills the proxy. */
  respond(value: unknown, commit: () => void): void {
    this.responses.push({ value, commit });
  }

  close(): void {
    this.closed = true;
  }

  /** Excel.run(previousContext, batch) uses the context again (as with an event handler's result.context). */
  reopen(): void {
    this.closed = false;
  }

  async sync(): Promise<void> {
    if (this.closed) throw new SimError('InvalidObjectPath', 'Simulator: context.sync() after its Excel.run finished.');
    const ops = this.queue;
    this.queue = [];
    await new Promise((r) => setTimeout(r, 0));
    const editing = this.wb.editing;
    if (editing !== null) {
      if (this.options.delayForCellEdit !== true)
        throw new SimError(
          'InvalidOperationInCellEditMode',
          'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
        );
      await editing.done;
    }
    const stats = this.wb.stats;
    stats.syncs++;
    const requestBytes = jsonBytes(ops.map((o) => o.desc));
    stats.requestBytes.push(requestBytes);
    stats.largestRequestBytes = Math.max(stats.largestRequestBytes, requestBytes);
    if (requestBytes > this.wb.payloadLimit)
      throw new SimError(
        'RequestPayloadSizeLimitExceeded',
        `The request payload size has exceeded the limit (${requestBytes} bytes).`,
      );
    this.responses = [];
    for (const op of ops) op.apply();
    const responses = this.responses;
    this.responses = [];
    const responseBytes = jsonBytes(responses.map((r) => r.value));
    stats.responseBytes.push(responseBytes);
    stats.largestResponseBytes = Math.max(stats.largestResponseBytes, responseBytes);
    if (responseBytes > this.wb.payloadLimit)
      throw new SimError(
        'ResponsePayloadSizeLimitExceeded',
        `The response payload size has exceeded the limit (${responseBytes} bytes).`,
      );
    for (const r of responses) r.commit();
  }
}

/** A property of a proxy: how it is read from the host object (loadable) and how a write applies (settable). */
export interface Prop<T> {
  get?: (target: T) => unknown;
  set?: (target: T, value: unknown) => void;
}

export function parseLoad(spec: unknown): string[] | null {
  if (spec === undefined) return null;
  if (typeof spec === 'string')
    return spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(spec) && spec.every((s) => typeof s === 'string'))
    return spec.flatMap((s: string) => parseLoad(s) ?? []);
  if (spec !== null && typeof spec === 'object' && 'select' in spec)
    return parseLoad((spec as { select: unknown }).select);
  throw notSimulated(`load(${JSON.stringify(spec)})`);
}

export interface ProxyOptions {
  /** Worksheets and tables keep their identity once found; ranges are re-evaluated on each use. */
  memo?: boolean;
  /** A *OrNullObject proxy: isNullObject becomes readable after the next sync. */
  nullable?: boolean;
}

/**
 * A proxy for a host object. Reading a property throws PropertyNotLoaded until it was loaded and synced; setting one
 * queues the change (and, like Office.js, remembers the value locally); host errors surface at context.sync().
 */
export class SimObject<T> {
  // Private (#) fields: proxies get their Excel properties defined on the instance, so internal names must not clash.
  readonly #loaded = new Map<string, unknown>();
  #nullState: boolean | undefined;
  #resolved: { target: T | null } | undefined;
  readonly #resolver: () => T | null;
  readonly #props: Record<string, Prop<T>>;
  readonly #options: ProxyOptions;

  constructor(
    readonly context: SimContext,
    readonly typeName: string,
    readonly path: string,
    resolver: () => T | null,
    props: Record<string, Prop<T>>,
    options: ProxyOptions = {},
  ) {
    this.#resolver = resolver;
    this.#props = props;
    this.#options = options;
    for (const [name, prop] of Object.entries(props)) {
      Object.defineProperty(this, name, {
        enumerable: true,
        get: () => this.read(name),
        set: (value: unknown) => {
          if (prop.set === undefined) throw new TypeError(`Simulator: ${typeName}.${name} is read-only`);
          const set = prop.set;
          this.write(name, value, (t) => set(t, value));
        },
      });
    }
    if (options.nullable === true)
      context.enqueue({ o: 'get', p: path }, () => {
        this.#nullState = this.#resolve() === null;
      });
  }

  #resolve(): T | null {
    if (this.#resolved !== undefined) return this.#resolved.target;
    const target = this.#resolver();
    if (this.#options.memo === true) this.#resolved = { target };
    return target;
  }

  /** The host object, at the time an operation executes. */
  target(): T {
    const t = this.#resolve();
    if (t === null) throw new SimError('ItemNotFound', `The requested resource doesn't exist. (${this.path})`);
    return t;
  }

  get isNullObject(): boolean {
    if (this.#nullState === undefined) throw propertyNotLoaded('isNullObject', this.typeName);
    return this.#nullState;
  }

  load(spec?: unknown): this {
    const names = parseLoad(spec) ?? Object.keys(this.#props).filter((n) => this.#props[n]?.get !== undefined);
    this.context.enqueue({ o: 'load', p: this.path, s: names }, () => {
      const t = this.#options.nullable === true ? this.#resolve() : this.target();
      if (t === null) return;
      const values = this.snapshot(names);
      this.context.respond(values, () => this.prime(values));
    });
    return this;
  }

  /** While a request executes: the current values of the named loadable properties (all of them for null). */
  snapshot(names: readonly string[] | null): Record<string, unknown> {
    const t = this.target();
    const values: Record<string, unknown> = {};
    for (const name of names ?? Object.keys(this.#props).filter((n) => this.#props[n]?.get !== undefined)) {
      const get = this.#props[name]?.get;
      if (get === undefined)
        throw new SimError('InvalidArgument', `Simulator: '${name}' is not a loadable property of ${this.typeName}`);
      values[name] = get(t);
    }
    return values;
  }

  /** When a response arrives: the loaded values become readable. */
  prime(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.#loaded.set(k, v);
  }

  protected read<V>(name: string): V {
    if (!this.#loaded.has(name)) throw propertyNotLoaded(name, this.typeName);
    return this.#loaded.get(name) as V;
  }

  protected write(name: string, value: unknown, apply: (target: T) => void): void {
    this.context.enqueue({ o: 'set', p: this.path, n: name, v: value }, () => apply(this.target()));
    this.#loaded.set(name, value);
  }

  invoke(method: string, args: unknown[], apply: (target: T) => void): void {
    this.context.enqueue({ o: 'call', p: this.path, m: method, a: args }, () => apply(this.target()));
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.#loaded);
  }
}
