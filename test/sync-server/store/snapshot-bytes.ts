// Large snapshot bytes for the STORE42 tests: every byte value occurs (NUL and invalid UTF-8 included), different per seed.
export function bigSnapshot(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (Math.imul(i + seed, 2654435761) >>> 13) & 255;
  return out;
}
