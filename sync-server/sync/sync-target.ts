// Reads the room and token out of a sync handshake's URL (`/sync/<room>?token=…`).

type Target = { kind: 'room'; room: string; token: string | null } | { kind: 'other' } | { kind: 'bad' };

const MAX_ROOM_LENGTH = 200;

/** Splits `/sync/<room>?token=…` by hand (the WHATWG URL parser would read `//host/...` as a host). */
export function parseSyncTarget(rawUrl: string, base: string): Target {
  const q = rawUrl.indexOf('?');
  const pathPart = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const prefix = `${base}/`;
  if (!pathPart.startsWith(prefix)) return { kind: 'other' };
  let room: string;
  try {
    room = decodeURIComponent(pathPart.slice(prefix.length));
  } catch {
    return { kind: 'bad' };
  }
  if (room.length === 0 || room.length > MAX_ROOM_LENGTH) return { kind: 'bad' };
  const token = q < 0 ? null : new URLSearchParams(rawUrl.slice(q + 1)).get('token');
  return { kind: 'room', room, token: token === null || token === '' ? null : token };
}
