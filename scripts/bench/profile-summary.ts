// `npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top]`: the functions with the most self time in a V8 CPU profile.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (name + file:line), in ms, biggest first, with each one's share of all samples. */
export function selfTimes(p: Profile): { what: string; ms: number; share: number }[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const total = new Map<string, number>();
  let all = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    const f = byId.get(id)?.callFrame;
    if (f === undefined) return;
    const where = f.url === '' ? '' : ` ${basename(f.url)}:${f.lineNumber + 1}`;
    const key = `${f.functionName || '(anonymous)'}${where}`;
    total.set(key, (total.get(key) ?? 0) + dt);
    all += dt;
  });
  return [...total].map(([what, ms]) => ({ what, ms, share: ms / all })).sort((a, b) => b.ms - a.ms);
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
  const top = Number(process.argv[3] ?? 25);
  for (const r of selfTimes(JSON.parse(readFileSync(file, 'utf8')) as Profile).slice(0, top))
    console.log(`${r.ms.toFixed(0).padStart(7)} ms ${(100 * r.share).toFixed(1).padStart(5)} %  ${r.what}`);
}
