// Hand-built Yjs V1 updates (structs, parents, origins, delete sets) for attacks a real Y.Doc would never encode.
import * as encoding from 'lib0/encoding';

export type Parent = { root: string } | { id: [number, number] };
export type Content =
  | { deleted: number }
  | { any: unknown[] }
  | { map: true }
  | { string: string }
  | { gc: number }
  | { skip: number }
  | { format: [string, unknown] };
export interface S {
  origin?: [number, number];
  rightOrigin?: [number, number];
  parent?: Parent;
  sub?: string;
  content: Content;
}
export interface Block {
  client: number;
  clock: number;
  structs: S[];
}

export function encodeV1(
  blocks: Block[],
  ds: [number, [number, number][]][] = [],
  blockCount = blocks.length,
): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, blockCount);
  for (const b of blocks) {
    encoding.writeVarUint(e, b.structs.length);
    encoding.writeVarUint(e, b.client);
    encoding.writeVarUint(e, b.clock);
    for (const s of b.structs) {
      const c = s.content;
      if ('gc' in c) {
        encoding.writeUint8(e, 0);
        encoding.writeVarUint(e, c.gc);
        continue;
      }
      if ('skip' in c) {
        encoding.writeUint8(e, 10);
        encoding.writeVarUint(e, c.skip);
        continue;
      }
      const ref = 'deleted' in c ? 1 : 'any' in c ? 8 : 'map' in c ? 7 : 'format' in c ? 6 : 4;
      let info = ref;
      if (s.origin) info |= 0x80;
      if (s.rightOrigin) info |= 0x40;
      const cantCopy = !s.origin && !s.rightOrigin;
      if (cantCopy && s.sub !== undefined) info |= 0x20;
      encoding.writeUint8(e, info);
      if (s.origin) {
        encoding.writeVarUint(e, s.origin[0]);
        encoding.writeVarUint(e, s.origin[1]);
      }
      if (s.rightOrigin) {
        encoding.writeVarUint(e, s.rightOrigin[0]);
        encoding.writeVarUint(e, s.rightOrigin[1]);
      }
      if (cantCopy) {
        const p = s.parent as Parent;
        if ('root' in p) {
          encoding.writeVarUint(e, 1);
          encoding.writeVarString(e, p.root);
        } else {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, p.id[0]);
          encoding.writeVarUint(e, p.id[1]);
        }
        if (s.sub !== undefined) encoding.writeVarString(e, s.sub);
      }
      if ('deleted' in c) encoding.writeVarUint(e, c.deleted);
      else if ('any' in c) {
        encoding.writeVarUint(e, c.any.length);
        for (const a of c.any) encoding.writeAny(e, a as never);
      } else if ('map' in c) encoding.writeVarUint(e, 1);
      else if ('format' in c) {
        encoding.writeVarString(e, c.format[0]);
        encoding.writeVarString(e, JSON.stringify(c.format[1]));
      } else encoding.writeVarString(e, (c as { string: string }).string);
    }
  }
  encoding.writeVarUint(e, ds.length);
  for (const [client, ranges] of ds) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, ranges.length);
    for (const [clock, len] of ranges) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, len);
    }
  }
  return encoding.toUint8Array(e);
}
