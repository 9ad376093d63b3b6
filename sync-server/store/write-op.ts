// The queued write operations shared by both stores: validated and copied when queued, so later caller mutation cannot leak in.
import { ROLES } from '../../shared/vocabulary';
import type {
  AuditQuery,
  AuditRow,
  HolidayYearRow,
  NewAudit,
  StoreWrite,
  SupervisionRow,
  UnitRow,
  UserRow,
} from './store';
import { SCHEMA_VERSION_KEY } from './store';
import type { CaseStateRecord } from './case-states';
import { caseStateRecord } from './case-states';

/** An audit row as stored: old/new as JSON text (null when the value was undefined), count and lastAt filled in. */
export interface AuditRecord extends Omit<AuditRow, 'id' | 'old' | 'new'> {
  old: string | null;
  new: string | null;
}

/** A write that may be part of a unit. */
export type SingleOp =
  | { kind: 'update'; room: string; data: Uint8Array }
  | { kind: 'audit'; rows: AuditRecord[] }
  | { kind: 'counter'; name: string; value: number }
  | { kind: 'unit'; row: UnitRow }
  | { kind: 'user'; row: UserRow }
  | { kind: 'supervision'; row: SupervisionRow }
  | { kind: 'holidayYear'; row: HolidayYearRecord }
  | { kind: 'meta'; key: string; value: string }
  | { kind: 'caseState'; row: CaseStateRecord };

/** STORE20: a holiday year as stored: its days as JSON text. */
export interface HolidayYearRecord extends Omit<HolidayYearRow, 'days'> {
  daysJson: string;
}

export type WriteOp =
  | SingleOp
  | { kind: 'compact'; room: string; data: Uint8Array; later: Uint8Array[] }
  /** STORE5: the writes of one appendAll, all or none. */
  | { kind: 'all'; writes: SingleOp[] };

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TypeError(`${what} 必须是字符串`);
  return value;
}

function nonEmpty(value: unknown, what: string): string {
  const s = text(value, what);
  if (s === '') throw new TypeError(`${what} 不能为空`);
  return s;
}

function textOrNull(value: unknown, what: string): string | null {
  return value === null ? null : text(value, what);
}

function bytes(value: unknown, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${what} 必须是 Uint8Array`);
  return new Uint8Array(value); // a copy (memcpy); Buffer#slice would only be a view
}

/** JSON text of an audit value; undefined is kept as SQL NULL. Throws on what JSON cannot hold (BigInt, cycles). */
export function auditJson(value: unknown): string | null {
  if (value === undefined) return null;
  let s: string | undefined;
  try {
    s = JSON.stringify(value) as string | undefined;
  } catch (e) {
    throw new TypeError(`审计值无法序列化为 JSON：${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (s === undefined) throw new TypeError('审计值无法序列化为 JSON');
  return s;
}

export function auditValue(json: string | null): unknown {
  return json === null ? undefined : JSON.parse(json);
}

function auditCount(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new RangeError('审计记录 count 必须是不小于 1 的整数');
  return value;
}

export function updateOp(room: string, update: Uint8Array): SingleOp {
  return { kind: 'update', room: nonEmpty(room, '房间名'), data: bytes(update, '更新') };
}

/**
 * STORE30: a compaction's snapshot is taken over, not copied (a 7.6 MiB copy into fresh memory holds the event loop
 * ~30 ms here): the caller hands over a buffer it never changes again (RoomDocs: an encoded or worker-made snapshot).
 */
export function compactOp(room: string, snapshot: Uint8Array, later: readonly Uint8Array[] = []): WriteOp {
  if (!Array.isArray(later)) throw new TypeError('快照之后的更新必须是数组');
  if (!(snapshot instanceof Uint8Array)) throw new TypeError('快照 必须是 Uint8Array');
  return {
    kind: 'compact',
    room: nonEmpty(room, '房间名'),
    data: snapshot,
    later: later.map((u) => bytes(u, '更新')),
  };
}

export function auditOp(rows: readonly NewAudit[]): SingleOp {
  if (!Array.isArray(rows)) throw new TypeError('审计记录必须是数组');
  return {
    kind: 'audit',
    rows: rows.map((r: NewAudit) => {
      if (typeof r.accepted !== 'boolean') throw new TypeError('审计记录 accepted 必须是布尔值');
      return {
        at: nonEmpty(r.at, '审计时间'),
        actorId: text(r.actorId, '操作人'),
        actorName: text(r.actorName, '操作人姓名'),
        role: text(r.role, '角色'),
        unitId: textOrNull(r.unitId, '单位'),
        caseId: textOrNull(r.caseId, '诉求编号'),
        command: nonEmpty(r.command, '命令'),
        field: textOrNull(r.field, '字段'),
        old: auditJson(r.old),
        new: auditJson(r.new),
        accepted: r.accepted,
        code: textOrNull(r.code, '错误码'),
        note: textOrNull(r.note, '备注'),
        count: auditCount(r.count),
        lastAt: r.lastAt === undefined || r.lastAt === null ? null : nonEmpty(r.lastAt, '审计最后时间'),
      };
    }),
  };
}

export function counterOp(name: string, value: number): SingleOp {
  if (!Number.isSafeInteger(value)) throw new RangeError(`计数器 ${String(name)} 的值必须是安全整数`);
  return { kind: 'counter', name: nonEmpty(name, '计数器名'), value };
}

export function unitOp(u: UnitRow): SingleOp {
  return {
    kind: 'unit',
    row: {
      id: nonEmpty(u.id, '单位编号'),
      name: text(u.name, '单位名称'),
      contact: textOrNull(u.contact, '联系方式'),
      createdAt: text(u.createdAt, '创建时间'),
    },
  };
}

export function userOp(u: UserRow): SingleOp {
  if (!(ROLES as readonly unknown[]).includes(u.role)) throw new TypeError(`未知角色：${String(u.role)}`);
  return {
    kind: 'user',
    row: {
      id: nonEmpty(u.id, '用户编号'),
      name: text(u.name, '用户姓名'),
      role: u.role,
      unitId: textOrNull(u.unitId, '单位'),
      tokenHash: nonEmpty(u.tokenHash, '令牌摘要'),
      createdAt: text(u.createdAt, '创建时间'),
      revokedAt: textOrNull(u.revokedAt, '吊销时间'),
    },
  };
}

export function supervisionOp(s: SupervisionRow): SingleOp {
  return {
    kind: 'supervision',
    row: {
      code: nonEmpty(s.code, '督办单编号'),
      caseId: nonEmpty(s.caseId, '诉求编号'),
      unitId: nonEmpty(s.unitId, '单位'),
      issuedAt: text(s.issuedAt, '督办时间'),
      replyDueAt: text(s.replyDueAt, '回复期限'),
      note: text(s.note, '督办意见'),
      repliedAt: textOrNull(s.repliedAt, '回复时间'),
      reply: textOrNull(s.reply, '回复内容'),
    },
  };
}

/** STORE20: a year's notice; its days are copied as JSON text (each a name, a date and isOffDay). */
export function holidayYearOp(h: HolidayYearRow): SingleOp {
  if (!Number.isSafeInteger(h.year)) throw new RangeError('节假日年份必须是整数');
  if (!Array.isArray(h.days)) throw new TypeError('节假日 days 必须是数组');
  const days = h.days.map((d) => ({
    name: text(d.name, '节假日名称'),
    date: nonEmpty(d.date, '节假日日期'),
    isOffDay: d.isOffDay === true,
  }));
  return {
    kind: 'holidayYear',
    row: {
      year: h.year,
      daysJson: JSON.stringify(days),
      uploadedBy: nonEmpty(h.uploadedBy, '上传人'),
      uploadedByName: text(h.uploadedByName, '上传人姓名'),
      uploadedAt: nonEmpty(h.uploadedAt, '上传时间'),
    },
  };
}

/** STORE20: a stored holiday year as the interface returns it. */
export function holidayYearRow(r: HolidayYearRecord): HolidayYearRow {
  const { daysJson, ...rest } = r;
  return { ...rest, days: JSON.parse(daysJson) as HolidayYearRow['days'] };
}

export function metaOp(key: string, value: string): SingleOp {
  if (key === SCHEMA_VERSION_KEY) throw new Error(`${SCHEMA_VERSION_KEY} 由存储层维护，不能直接写入`);
  return { kind: 'meta', key: nonEmpty(key, '元数据键'), value: text(value, '元数据值') };
}

/** STORE5: one write of a unit, checked and copied like the single-write methods. */
function storeWriteOp(w: StoreWrite): SingleOp {
  if (typeof w !== 'object' || w === null) throw new TypeError('写入单元的每一项必须是对象');
  switch (w.kind) {
    case 'update':
      return updateOp(w.room, w.update);
    case 'audit':
      return auditOp(w.rows);
    case 'counter':
      return counterOp(w.name, w.value);
    case 'unit':
      return unitOp(w.row);
    case 'user':
      return userOp(w.row);
    case 'supervision':
      return supervisionOp(w.row);
    case 'holidayYear':
      return holidayYearOp(w.row);
    case 'meta':
      return metaOp(w.key, w.value);
    case 'caseState':
      return { kind: 'caseState', row: caseStateRecord(w.row.id, w.row.fields) };
    default:
      throw new TypeError(`未知的写入类型：${String((w as { kind: unknown }).kind)}`);
  }
}

/** STORE5: the writes of appendAll as one op; any invalid write refuses the whole unit before anything is queued. */
export function allOp(writes: readonly StoreWrite[]): WriteOp {
  if (!Array.isArray(writes)) throw new TypeError('写入单元必须是数组');
  return {
    kind: 'all',
    writes: writes.map((w: StoreWrite, i) => {
      try {
        return storeWriteOp(w);
      } catch (e) {
        const message = `写入单元的第 ${i + 1} 项无效：${e instanceof Error ? e.message : String(e)}`;
        throw e instanceof RangeError ? new RangeError(message, { cause: e }) : new TypeError(message, { cause: e });
      }
    }),
  };
}

/** A short Chinese description of an op, for error messages. */
export function opLabel(op: WriteOp): string {
  switch (op.kind) {
    case 'update':
      return `房间 ${op.room} 的更新`;
    case 'compact':
      return `房间 ${op.room} 的压缩快照`;
    case 'audit':
      return `${op.rows.length} 条审计记录`;
    case 'counter':
      return `计数器 ${op.name}`;
    case 'unit':
      return `单位 ${op.row.id}`;
    case 'user':
      return `用户 ${op.row.id}`;
    case 'supervision':
      return `督办单 ${op.row.code}`;
    case 'holidayYear':
      return `${op.row.year} 年节假日安排`;
    case 'meta':
      return `元数据 ${op.key}`;
    case 'caseState':
      return `诉求 ${op.row.id} 的状态`;
    case 'all':
      return `写入单元（${op.writes.length} 项）`;
  }
}

/** The error an op that failed on its own rejects with. */
export function opRefused(op: WriteOp, reason: string, cause?: unknown): Error {
  return new Error(`写入被拒绝（${opLabel(op)}）：${reason}`, { cause });
}

/** Checks an audit query the same way for every store (a negative LIMIT would mean "no limit" in SQLite). */
export function checkAuditQuery(q: AuditQuery): void {
  if (!Number.isSafeInteger(q.limit) || q.limit < 0) throw new RangeError('审计查询 limit 必须是非负整数');
  if (q.afterId !== undefined && !Number.isSafeInteger(q.afterId)) throw new RangeError('审计查询 afterId 必须是整数');
}

/** STORE5: the error a failure inside a unit fails its whole batch with (and halts the store). */
export function unitFailed(member: WriteOp, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(`写入单元中的一项（${opLabel(member)}）失败：${reason}（整批写入已撤销）`, { cause });
}
