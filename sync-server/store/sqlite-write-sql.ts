// The writer's statements, prepared once per connection: transaction, room rows, audit rows, upserts, snapshot pieces.
import type { Prepared } from './sqlite-db';
import {
  AUDIT_COLUMNS,
  AUDIT_TUPLE,
  HOLIDAY_YEAR_COLUMNS,
  SUPERVISION_COLUMNS,
  UNIT_COLUMNS,
  USER_COLUMNS,
  upsertSql,
} from './sqlite-rows';
import { SNAPSHOT_PIECES_SQL } from './sqlite-snapshot';

export const WRITE_SQL = {
  // prepared once: an unprepared statement costs sqlite3 two trips to its thread (prepare, then run) instead of one
  begin: 'BEGIN IMMEDIATE',
  commit: 'COMMIT',
  insertUpdate: 'INSERT INTO room_updates (room, snapshot, data) VALUES (?, 0, ?)',
  deleteRoom: 'DELETE FROM room_updates WHERE room = ?',
  insertSnapshot: 'INSERT INTO room_updates (room, snapshot, data) VALUES (?, 1, ?)',
  insertAudit: `INSERT INTO audit (${AUDIT_COLUMNS}) VALUES ${AUDIT_TUPLE}`,
  counter: upsertSql('counters', 'name, value', 'name'),
  unit: upsertSql('units', UNIT_COLUMNS, 'id'),
  user: upsertSql('users', USER_COLUMNS, 'id'),
  supervision: upsertSql('supervisions', SUPERVISION_COLUMNS, 'code'),
  holidayYear: upsertSql('holiday_years', HOLIDAY_YEAR_COLUMNS, 'year'),
  meta: upsertSql('meta', 'key, value', 'key'),
  ...SNAPSHOT_PIECES_SQL,
} as const;

export type WriteStatements = Record<keyof typeof WRITE_SQL, Prepared>;
