// What must hold after every hostile input: HTTP equals the documents, the audit explains every value, and the rooms still work.
import { afterEach, beforeEach, expect } from 'vitest';
import type * as Y from 'yjs';
import type { CaseData } from '../../../shared/case';
import { casesOf, readAllCases } from '../../../shared/ydoc-layout';
import { ADMIN_TOKEN, Harness, REGISTRATION, scene, waitFor } from '../integration/harness';

export type Scene = Awaited<ReturnType<typeof scene>>;

/**
 * Registers hooks that start a real server on a fresh data directory with the usual scene (units lead, co and other,
 * a user of each role) before each test, and stop it after; the test reads (and after a restart replaces) `t.h`.
 * Registered first, so a file's own beforeEach hooks run with the server up (afterEach hooks run before the stop).
 */
export function sceneForEachTest(): { h: Harness; s: Scene } {
  const t = {} as { h: Harness; s: Scene };
  beforeEach(async () => {
    t.h = await Harness.start();
    t.s = await scene(t.h);
  });
  afterEach(async () => {
    await t.h.stop();
  });
  return t;
}

type HttpCase = Record<string, unknown> & { id: string };
interface AuditEntry {
  caseId: string | null;
  field: string | null;
  accepted: boolean;
  new: unknown;
  id: number;
}

/** Fields the audit does not explain field by field: `warning` is derived from the deadline and the clock (SCHED1). */
const DERIVED = new Set(['warning']);

const norm = (v: unknown) => (v === undefined ? null : v);

export async function httpCases(h: Harness, token = ADMIN_TOKEN): Promise<HttpCase[]> {
  return (await h.ok<{ cases: HttpCase[] }>(token, 'GET', '/api/cases')).cases;
}

/** Every audit entry, all pages. */
export async function auditLog(h: Harness): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let after = 0;
  for (;;) {
    const page = await h.ok<{ entries: AuditEntry[]; nextAfterId: number | null }>(
      ADMIN_TOKEN,
      'GET',
      `/api/audit?afterId=${after}&limit=1000`,
    );
    out.push(...page.entries);
    if (page.nextAfterId === null) return out;
    after = page.nextAfterId;
  }
}

/** The documents a fresh client receives for a room, as plain cases. */
export async function roomCases(h: Harness, room: string, token: string): Promise<CaseData[]> {
  const c = h.connect(room, token);
  await c.synced();
  const cases = readAllCases(c.doc);
  c.destroy();
  return cases;
}

/**
 * The HTTP view equals the Y.Doc view for every case (ledger room, and each given unit room for that unit's cases),
 * and for every field the latest accepted audit entry holds the current value.
 */
export async function assertConsistent(
  h: Harness,
  units: readonly { room: string; token: string }[] = [],
): Promise<void> {
  const http = await httpCases(h);
  const byId = new Map(http.map((c) => [c.id, c]));
  const ledger = await roomCases(h, 'ledger', ADMIN_TOKEN);
  expect(ledger.map((c) => c.id).sort()).toEqual([...byId.keys()].sort());
  for (const c of ledger) {
    const web = byId.get(c.id) as HttpCase;
    for (const [field, value] of Object.entries(c.fields))
      expect([c.id, field, norm(web[field])]).toEqual([c.id, field, norm(value)]);
  }
  for (const u of units) {
    const scoped = new Map((await httpCases(h, u.token)).map((c) => [c.id, c]));
    const docCases = await roomCases(h, u.room, u.token);
    expect(docCases.map((c) => c.id).sort()).toEqual([...scoped.keys()].sort());
    for (const c of docCases) {
      const web = scoped.get(c.id) as HttpCase;
      for (const [field, value] of Object.entries(c.fields))
        expect([u.room, c.id, field, norm(web[field])]).toEqual([u.room, c.id, field, norm(value)]);
    }
  }
  const latest = new Map<string, unknown>();
  for (const e of await auditLog(h)) {
    if (e.accepted && e.caseId !== null && e.field !== null) latest.set(`${e.caseId}|${e.field}`, e.new);
  }
  for (const c of http) {
    for (const [field, value] of Object.entries(c)) {
      if (field === 'id' || DERIVED.has(field)) continue;
      const key = `${c.id}|${field}`;
      expect([key, latest.has(key) ? norm(latest.get(key)) : null]).toEqual([key, norm(value)]);
    }
  }
}

/**
 * The watchdog: the next permitted edit in `room` (by `editorToken`, of `field` on `caseId`) reaches another client of
 * the room and the HTTP view, i.e. the room still applies, stores and broadcasts.
 */
export async function assertRoomAlive(
  h: Harness,
  room: string,
  editorToken: string,
  caseId: string,
  field: string,
  value: string,
): Promise<void> {
  const editor = h.connect(room, editorToken);
  const watcher = h.connect(room, editorToken);
  await Promise.all([editor.synced(), watcher.synced()]);
  (casesOf(editor.doc).get(caseId) as unknown as Y.Map<unknown>).set(field, value);
  await waitFor(
    () => (casesOf(watcher.doc).get(caseId) as unknown as Y.Map<unknown> | undefined)?.get(field) === value,
    `${room} broadcasts ${field}`,
  );
  const web = await h.ok<{ fields: Record<string, unknown> }>(ADMIN_TOKEN, 'GET', `/api/cases/${caseId}`);
  expect(web.fields[field]).toBe(value);
  editor.destroy();
  watcher.destroy();
}

/** Registers a case and, when `lead` is given, assigns it and has the lead unit accept it (status handling). */
export async function handlingCase(h: Harness, s: Scene, extra: Record<string, string> = {}): Promise<string> {
  const id = (await h.ok<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/cases', { ...REGISTRATION, ...extra })).id;
  await h.ok(ADMIN_TOKEN, 'POST', `/api/cases/${id}/assign`, {
    leadUnit: s.units.lead,
    coUnits: [s.units.co],
    kind: 'general',
  });
  await h.ok(s.tokens.lead, 'POST', `/api/cases/${id}/accept`, {});
  return id;
}

export async function registeredCase(h: Harness, extra: Record<string, string> = {}): Promise<string> {
  return (await h.ok<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/cases', { ...REGISTRATION, ...extra })).id;
}
