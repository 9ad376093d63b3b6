// STORE42: a large snapshot reaches SQLite in pieces, each bound in its own turn, and is joined into one row inside the transaction.
import type { Connection, Prepared } from './sqlite-db';
import { blob } from './sqlite-rows';

/**
 * Bytes bound per piece. sqlite3 copies a bound Buffer on the event loop into fresh memory, which costs ~4–8 ms a
 * MiB on a small VM: a 7.6 MiB snapshot bound at once held the loop 30–55 ms; a piece of 256 KiB holds it 1–2 ms.
 */
export const SNAPSHOT_PIECE_BYTES = 256 * 1024;

/**
 * The pieces wait in a TEMP table of the writing connection (in memory, never in the ledger file, gone with the
 * connection), written and joined inside the compaction's own transaction: a kill -9 between two pieces leaves the
 * file as it was before that transaction. SQLite has no BLOB concatenation, so the join (a TEMP view) goes through
 * TEXT, in sqlite3's thread; the row is written only when the joined length is the snapshot's (checked by `changes`).
 */
export const SNAPSHOT_PIECES_SQL = {
  clearPieces: 'DELETE FROM temp.snapshot_pieces',
  insertPiece: 'INSERT INTO temp.snapshot_pieces (seq, data) VALUES (?, ?)',
  insertJoined: `INSERT INTO room_updates (room, snapshot, data)
    SELECT ?, 1, joined FROM temp.snapshot_joined WHERE length(joined) = ?`,
} as const;

/**
 * The join. In a UTF-8 database (every ledger this server creates) CAST between BLOB and TEXT keeps every byte (NUL
 * and invalid UTF-8 too); measured on the 7.6 MiB ledger snapshot: 150–240 ms in sqlite3's thread. In any other text
 * encoding the pieces go through hex (exact for any bytes, but 460–660 ms and twice the memory).
 */
const JOIN_UTF8 = `CAST(group_concat(CAST(data AS TEXT), '' ORDER BY seq) AS BLOB)`;
const JOIN_HEX = `unhex(group_concat(hex(data), '' ORDER BY seq))`;

/** Creates the writing connection's pieces table and join (before SNAPSHOT_PIECES_SQL is prepared). */
export async function createSnapshotPieces(conn: Connection): Promise<void> {
  const encoding = (await conn.get<{ encoding: string }>('PRAGMA encoding'))?.encoding;
  await conn.run('PRAGMA temp_store = MEMORY');
  await conn.run('CREATE TEMP TABLE snapshot_pieces (seq INTEGER PRIMARY KEY, data BLOB NOT NULL) STRICT');
  const join = encoding === 'UTF-8' ? JOIN_UTF8 : JOIN_HEX;
  await conn.run(`CREATE TEMP VIEW snapshot_joined AS SELECT ${join} AS joined FROM temp.snapshot_pieces`);
}

type PieceStatements = Record<keyof typeof SNAPSHOT_PIECES_SQL, Prepared>;

/**
 * Writes a room's snapshot row: bound at once when it fits in one piece, else piece by piece (each `run` copies one
 * piece, then the loop waits for sqlite3's thread, so the event loop runs between pieces) and joined by SQLite.
 */
export async function insertSnapshot(
  w: PieceStatements & { insertSnapshot: Prepared },
  room: string,
  data: Uint8Array,
): Promise<void> {
  if (data.length <= SNAPSHOT_PIECE_BYTES) {
    await w.insertSnapshot.run([room, blob(data)]);
    return;
  }
  await w.clearPieces.run([]);
  for (let at = 0, seq = 0; at < data.length; at += SNAPSHOT_PIECE_BYTES, seq++)
    await w.insertPiece.run([seq, blob(data.subarray(at, at + SNAPSHOT_PIECE_BYTES))]);
  const joined = await w.insertJoined.run([room, data.length]);
  await w.clearPieces.run([]);
  if (joined.changes !== 1) throw new Error(`快照分段写入后拼接的长度不是 ${data.length} 字节`);
}
