// Draws the add-in's PNG icons (coloured rounded square, white mark) into addin/assets/, deterministically: `tsx scripts/make-icons.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { RIBBON_COMMANDS } from '../addin/commands/names';

/** A shape in unit coordinates (0..1, y down): is the point inside? */
type Shape = (x: number, y: number) => boolean;

const W = 0.1; // default stroke width

function line(x0: number, y0: number, x1: number, y1: number, w = W): Shape {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2));
    const px = x0 + t * dx - x;
    const py = y0 + t * dy - y;
    return px * px + py * py <= (w / 2) * (w / 2);
  };
}

/** A polyline of thick segments with round joins. */
function path(points: readonly (readonly [number, number])[], w = W): Shape[] {
  const out: Shape[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    out.push(line(a[0], a[1], b[0], b[1], w));
  }
  return out;
}

const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;
const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring =
  (cx: number, cy: number, r: number, w = W): Shape =>
  (x, y) =>
    Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
const box = (x0: number, y0: number, x1: number, y1: number, w = W): Shape[] =>
  path(
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
    w,
  );

/** The table grid of the ledger (header row filled). */
const grid = (): Shape[] => [
  ...box(0.2, 0.22, 0.8, 0.78),
  rect(0.2, 0.22, 0.8, 0.4),
  line(0.2, 0.59, 0.8, 0.59, 0.08),
  line(0.5, 0.4, 0.5, 0.78, 0.08),
];

const GLYPHS: Readonly<Record<string, () => Shape[]>> = {
  app: grid,
  'open-ledger': grid,
  register: () => [line(0.5, 0.2, 0.5, 0.8, 0.14), line(0.2, 0.5, 0.8, 0.5, 0.14)],
  assign: () => [
    line(0.18, 0.5, 0.78, 0.5, 0.12),
    ...path(
      [
        [0.54, 0.26],
        [0.8, 0.5],
        [0.54, 0.74],
      ],
      0.12,
    ),
  ],
  accept: () =>
    path(
      [
        [0.2, 0.52],
        [0.42, 0.74],
        [0.82, 0.3],
      ],
      0.14,
    ),
  feedback: () => [
    ...box(0.18, 0.2, 0.82, 0.64),
    ...path([
      [0.32, 0.64],
      [0.28, 0.84],
      [0.5, 0.64],
    ]),
    line(0.32, 0.42, 0.68, 0.42, 0.08),
  ],
  extension: () => [
    ring(0.5, 0.52, 0.32),
    ...path([
      [0.5, 0.32],
      [0.5, 0.52],
      [0.66, 0.62],
    ]),
  ],
  visit: () => [disc(0.5, 0.33, 0.15), line(0.32, 0.74, 0.68, 0.74, 0.26)],
  /** A magnifying glass: the office looks back at a finished case. */
  'spot-check': () => [ring(0.43, 0.43, 0.22), line(0.6, 0.6, 0.8, 0.8, 0.12)],
  supervise: () => [line(0.5, 0.2, 0.5, 0.56, 0.15), disc(0.5, 0.78, 0.085)],
  archive: () => [
    rect(0.16, 0.2, 0.84, 0.36),
    ...path([
      [0.22, 0.36],
      [0.22, 0.8],
      [0.78, 0.8],
      [0.78, 0.36],
    ]),
    line(0.4, 0.52, 0.6, 0.52),
  ],
  export: () => [
    line(0.5, 0.16, 0.5, 0.58),
    ...path([
      [0.32, 0.42],
      [0.5, 0.6],
      [0.68, 0.42],
    ]),
    ...path([
      [0.18, 0.6],
      [0.18, 0.82],
      [0.82, 0.82],
      [0.82, 0.6],
    ]),
  ],
  stats: () => [rect(0.2, 0.56, 0.33, 0.8), rect(0.44, 0.36, 0.57, 0.8), rect(0.68, 0.18, 0.81, 0.8)],
};

type Rgb = readonly [number, number, number];
const RED: Rgb = [0xc6, 0x28, 0x28]; // the add-in itself
const BLUE: Rgb = [0x1f, 0x5f, 0xa8]; // workflow commands
const TEAL: Rgb = [0x0f, 0x7b, 0x6c]; // pane actions (connect, export, statistics)

/** Inside the rounded square that fills the icon (corner radius 0.2)? */
function inBackground(x: number, y: number): boolean {
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return x >= 0 && x <= 1 && y >= 0 && y <= 1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** RGBA pixels, 4×4 supersampled. */
function render(size: number, colour: Rgb, shapes: readonly Shape[]): Uint8Array {
  const n = 4;
  const px = new Uint8Array(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let a = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sj = 0; sj < n; sj++) {
        for (let si = 0; si < n; si++) {
          const x = (i + (si + 0.5) / n) / size;
          const y = (j + (sj + 0.5) / n) / size;
          if (!inBackground(x, y)) continue;
          const c = shapes.some((s) => s(x, y)) ? ([255, 255, 255] as const) : colour;
          a += 1;
          r += c[0];
          g += c[1];
          b += c[2];
        }
      }
      const o = (j * size + i) * 4;
      if (a > 0) {
        px[o] = Math.round(r / a);
        px[o + 1] = Math.round(g / a);
        px[o + 2] = Math.round(b / a);
        px[o + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** An 8-bit RGBA PNG (filter 0 on every row). */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    Buffer.from(rgba.subarray(y * size * 4, (y + 1) * size * 4)).copy(raw, y * (size * 4 + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export interface IconFile {
  name: string;
  size: number;
  colour: Rgb;
  glyph: string;
}

/** Every icon file: the add-in's own (16/32/80 for the group, 32/64 for IconUrl/HighResolutionIconUrl) and one set per ribbon command (16/32/80). */
export function iconFiles(): IconFile[] {
  const files: IconFile[] = [16, 32, 64, 80].map((size) => ({
    name: `app-${size}.png`,
    size,
    colour: RED,
    glyph: 'app',
  }));
  for (const c of RIBBON_COMMANDS) {
    const colour = c.command === 'connect' || c.command === 'export' || c.command === 'stats' ? TEAL : BLUE;
    for (const size of [16, 32, 80]) files.push({ name: `${c.icon}-${size}.png`, size, colour, glyph: c.icon });
  }
  return files;
}

/** The icon's RGBA pixels (size × size × 4). */
export function iconPixels(f: IconFile): Uint8Array {
  const glyph = GLYPHS[f.glyph];
  if (!glyph) throw new Error(`没有为图标“${f.glyph}”定义图案`);
  return render(f.size, f.colour, glyph());
}

function main(): void {
  const dir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'addin', 'assets');
  mkdirSync(dir, { recursive: true });
  for (const f of iconFiles()) writeFileSync(join(dir, f.name), encodePng(f.size, iconPixels(f)));
  console.log(`已生成 ${iconFiles().length} 个图标：${dir}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
