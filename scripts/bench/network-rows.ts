// The rows of `npm run bench`'s network tables: each figure beside the persisting stock server's and its target.
import type { NetworkFigures, PacedFigures, PacedPhase } from './phases';
import type { Row, Summary } from './stats';
import { fmt, mib, ms, verdict } from './stats';

/** The issue 14 targets, relative to the persisting stock server (@y/websocket-server with YPERSISTENCE). */
export const NETWORK_TARGET = {
  p50PlusMs: 0.5,
  p99Ratio: 1.5,
  maxMs: 30,
  stallMs: 10,
  rssRatio: 1.3,
  durablePerSecond: 3_000,
};

const lat = (s: Summary | undefined) =>
  s === undefined ? '' : `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)}`;
const cpu = (sec: number, window: number) => `${fmt((100 * sec) / window, 0)} % of a core`;

/** p50 ≤ peer p50 + 0.5 ms, p99 ≤ 1.5 × peer p99, max ≤ 30 ms. */
function latencyVerdict(ours: Summary, peer: Summary | undefined): string {
  if (peer === undefined) return 'no data';
  const checks: [string, string][] = [
    ['p50', verdict(ours.p50, peer.p50 + NETWORK_TARGET.p50PlusMs)],
    ['p99', verdict(ours.p99, NETWORK_TARGET.p99Ratio * peer.p99)],
    ['max', verdict(ours.max, NETWORK_TARGET.maxMs)],
  ];
  const missed = checks.filter(([, v]) => v !== 'ok');
  return missed.length === 0 ? 'ok' : missed.map(([w, v]) => `${w} ${v}`).join(', ');
}

const latencyTarget = `p50 ≤ peer + ${NETWORK_TARGET.p50PlusMs}, p99 ≤ ${NETWORK_TARGET.p99Ratio}× peer, max ≤ ${NETWORK_TARGET.maxMs}`;

function pacedRows(p: PacedPhase): Row[] {
  const o = p.servers.ours as PacedFigures;
  const pe = p.servers.persisting;
  const st = p.servers.stock;
  const perEdit = (f: PacedFigures | undefined) =>
    f === undefined ? '' : `${fmt((1000 * f.cpuSeconds) / f.run.sent, 2)} ms`;
  const tag = `${p.rate}/s:`;
  return [
    {
      what: `${tag} edit → peer p50 / p95 / p99 / max`,
      ours: lat(o.peer),
      persisting: lat(pe?.peer),
      stock: lat(st?.peer),
      target: latencyTarget,
      verdict: latencyVerdict(o.peer, pe?.peer),
    },
    {
      what: `${tag} refusal → revert p50 / p95 / p99 / max`,
      ours: lat(o.revert),
      persisting: '(edit → peer above)',
      target: latencyTarget,
      verdict: latencyVerdict(o.revert, pe?.peer),
    },
    {
      what: `${tag} (edit, peer) samples; edits sent`,
      ours: `${o.peer.n}; ${o.permittedSent} + ${o.forbiddenSent} refused`,
      persisting: pe === undefined ? '' : `${pe.peer.n}; ${pe.permittedSent}`,
      stock: st === undefined ? '' : `${st.peer.n}; ${st.permittedSent}`,
    },
    {
      what: `${tag} edits not seen by every peer; refusals not reverted; leaks`,
      ours: `${o.run.unseenAfterDrain}; ${o.run.pendingRevertsAfterDrain}; ${o.leaks}`,
      persisting: pe === undefined ? '' : String(pe.run.unseenAfterDrain),
      stock: st === undefined ? '' : String(st.run.unseenAfterDrain),
      target: '0; 0; 0',
      verdict: verdict(
        o.run.unseenAfterDrain +
          o.run.pendingRevertsAfterDrain +
          o.leaks +
          (pe?.run.unseenAfterDrain ?? 0) +
          (st?.run.unseenAfterDrain ?? 0),
        0,
      ),
    },
    {
      what: `${tag} server CPU ÷ edits sent to it`,
      ours: perEdit(o),
      persisting: perEdit(pe),
      stock: perEdit(st),
    },
    {
      what: `${tag} server peak RSS (VmRSS)`,
      ours: mib(o.peakRss),
      persisting: pe === undefined ? '' : mib(pe.peakRss),
      stock: st === undefined ? '' : mib(st.peakRss),
      target: `≤ ${NETWORK_TARGET.rssRatio}× persisting`,
      verdict: verdict(o.peakRss, NETWORK_TARGET.rssRatio * (pe?.peakRss ?? NaN)),
    },
    {
      what: `${tag} longest event-loop stall`,
      ours: ms(p.oursStallMs),
      persisting: pe === undefined ? '' : ms(pe.stallMs),
      stock: st === undefined ? '' : ms(st.stallMs),
      target: `≤ ${NETWORK_TARGET.stallMs} ms`,
      verdict: verdict(p.oursStallMs, NETWORK_TARGET.stallMs),
    },
    {
      what: `${tag} load generator lag (max); CPU pressure`,
      ours: `${ms(o.run.maxLagMs)}; ${fmt(100 * p.cpuPressure, 0)} % of the time some task waited for a CPU`,
    },
  ];
}

export function networkRows(n: NetworkFigures, flatSeconds: number): Row[] {
  const f = n.flat;
  return [
    ...n.paced.flatMap(pacedRows),
    {
      what: 'VmHWM after the paced loads',
      ours: mib(n.hwm.ours ?? NaN),
      persisting: mib(n.hwm.persisting ?? NaN),
      stock: n.hwm.stock === undefined ? '' : mib(n.hwm.stock),
    },
    {
      what: `flat-out ${flatSeconds} s: durable accepted edits/s (audit rows)`,
      ours: fmt(f.auditRows / f.seconds, 0),
      target: `≥ ${NETWORK_TARGET.durablePerSecond}`,
      verdict: f.auditRows / f.seconds >= NETWORK_TARGET.durablePerSecond ? 'ok' : 'MISSED',
    },
    {
      what: 'flat-out: edits/s confirmed by a peer',
      ours: `${fmt(f.confirmed / f.seconds, 0)} (${f.timedOut} timed out)`,
    },
    { what: 'flat-out: edit → peer p50 / p95 / p99 / max', ours: lat(f.peer) },
    {
      what: 'flat-out: CPU of server / load generator (bench process)',
      ours: `${cpu(f.cpuSeconds, f.seconds)} / ${cpu(f.benchCpuSeconds, f.seconds)}`,
    },
    {
      what: 'flat-out: longest event-loop stall; VmHWM',
      ours: `${ms(f.stallMs)}; ${mib(f.hwm)}`,
      target: `≤ ${NETWORK_TARGET.stallMs} ms`,
      verdict: verdict(f.stallMs, NETWORK_TARGET.stallMs),
    },
    {
      what: 'yjs "Changed the client-id" lines in server log',
      ours: String(n.yjsClientIdWarnings),
      target: '0',
      verdict: verdict(n.yjsClientIdWarnings, 0),
    },
  ];
}
