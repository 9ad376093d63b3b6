// Seeds our server over its HTTP API: units, one unit user each, and cases led by each unit in state handling (accepted).
import { REGISTRATION } from './ledger-build';

export interface SeededRoom {
  room: string;
  unitId: string;
  token: string;
  caseIds: string[];
}

export async function api<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Runs `fn` over `items` with at most `limit` calls in flight. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function seedOurServer(
  base: string,
  adminToken: string,
  units: number,
  casesPerUnit: number,
): Promise<SeededRoom[]> {
  const rooms = await pool(
    Array.from({ length: units }, (_, i) => i),
    4,
    async (i) => {
      const { id: unitId } = await api<{ id: string }>(base, adminToken, 'POST', '/api/units', {
        name: `压测单位${i + 1}`,
      });
      const { token } = await api<{ token: string }>(base, adminToken, 'POST', '/api/users', {
        name: `联络员${i + 1}`,
        role: 'unit',
        unitId,
      });
      return { room: `unit:${unitId}`, unitId, token, caseIds: [] as string[] };
    },
  );
  const jobs = rooms.flatMap((r) => Array.from({ length: casesPerUnit }, () => r));
  await pool(jobs, 16, async (r) => {
    const { id } = await api<{ id: string }>(base, adminToken, 'POST', '/api/cases', REGISTRATION);
    await api(base, adminToken, 'POST', `/api/cases/${id}/assign`, { leadUnit: r.unitId, kind: 'general' });
    await api(base, r.token, 'POST', `/api/cases/${id}/accept`, {});
    r.caseIds.push(id);
  });
  return rooms;
}
