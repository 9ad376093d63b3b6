// Shared pieces of the flood tests: paced senders, byte-counting members, and the printed table of figures.
import type { WebSocket } from 'ws';
import type { RawClient } from '../sync/net-helpers';
import { rawClient } from '../sync/net-helpers';

/** Seconds a flood lasts: FLOOD_SECONDS (the figure is 20 s), 3 by default to keep CI short. */
export const FLOOD_SECONDS = Number(process.env.FLOOD_SECONDS ?? 3);

/** A room member that only counts what it receives, by message type (first byte). */
export interface CountingMember {
  client: RawClient;
  bytes: Map<number, number>;
  frames: Map<number, number>;
}

export async function countingMembers(url: (i: number) => string, count: number): Promise<CountingMember[]> {
  const members = await Promise.all(Array.from({ length: count }, (_, i) => rawClient(url(i))));
  return members.map((client) => {
    const m: CountingMember = { client, bytes: new Map(), frames: new Map() };
    client.ws.on('message', (data: Buffer) => {
      const type = data[0] ?? -1;
      m.bytes.set(type, (m.bytes.get(type) ?? 0) + data.length);
      m.frames.set(type, (m.frames.get(type) ?? 0) + 1);
    });
    return m;
  });
}

export const sum = (members: CountingMember[], of: 'bytes' | 'frames', type: number): number =>
  members.reduce((n, m) => n + (m[of].get(type) ?? 0), 0);

/**
 * Calls `send` `perSecond` times a second (in ticks of 20 ms) for `seconds`, while the socket stays open.
 * Returns how many were sent and the seconds it took.
 */
export async function paced(
  ws: WebSocket,
  perSecond: number,
  seconds: number,
  send: (i: number) => void,
): Promise<{ sent: number; seconds: number }> {
  const start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - start;
      if (elapsed >= seconds * 1000 || ws.readyState !== ws.OPEN) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor((elapsed / 1000) * perSecond) + 1;
      while (sent < due && ws.readyState === ws.OPEN) send(sent++);
    }, 20);
  });
  return { sent, seconds: (performance.now() - start) / 1000 };
}

/** Prints a table of figures, one row per measure and one column per run. */
export function printFigures(title: string, columns: string[], rows: Array<[string, ...Array<string | number>]>): void {
  const cells = rows.map(([name, ...values]) => [
    name,
    ...values.map((v) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 1 }) : v)),
  ]);
  const widths = [0, ...columns.map((_, i) => i + 1)].map((i) =>
    Math.max(...[i === 0 ? '' : (columns[i - 1] ?? ''), ...cells.map((r) => r[i] ?? '')].map((s) => s.length)),
  );
  const line = (r: string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log([`\n${title}`, line(['', ...columns]), ...cells.map(line)].join('\n'));
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
