// SYNC7: refused edits are audited in aggregated rows (who, case, field, code: count, first and last time), not one row each.
import type { Rejection } from '../../shared/contract/sync';
import type { Actor } from '../../shared/case';
import type { NewAudit } from '../store/store';

export interface RefusalAuditOptions {
  /** How long a group collects refusals before its row is written. */
  windowMs: number;
  /** Open groups per actor; beyond it one overflow group per actor collects the rest. */
  maxGroupsPerActor: number;
  /** Open groups in all; beyond it everything open is written at once. */
  maxGroups: number;
}

export const DEFAULT_REFUSAL_AUDIT: RefusalAuditOptions = { windowMs: 5_000, maxGroupsPerActor: 50, maxGroups: 5_000 };

interface Group {
  row: NewAudit;
  count: number;
  lastAt: string;
  opened: number;
}

/** Keys and fields come from clients: they are cut to this length in audit rows. */
const MAX_KEY = 64;

export class RefusalAudit {
  private readonly groups = new Map<string, Group>();
  private readonly perActor = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly write: (rows: NewAudit[]) => void,
    private readonly clock: () => number,
    private readonly format: (ms: number) => string,
    private readonly opts: RefusalAuditOptions = DEFAULT_REFUSAL_AUDIT,
  ) {}

  /** Records the refusals of one update by `actor` in `room`. */
  record(actor: Actor, room: string, rejections: readonly Rejection[]): void {
    if (rejections.length === 0) return;
    const now = this.clock();
    const at = this.format(now);
    for (const r of rejections) {
      const caseId = r.caseId === null ? null : r.caseId.slice(0, MAX_KEY);
      const field = r.field === null ? null : r.field.slice(0, MAX_KEY);
      let key = JSON.stringify([actor.userId, room, caseId, field, r.code]);
      let group = this.groups.get(key);
      if (group === undefined && (this.perActor.get(actor.userId) ?? 0) >= this.opts.maxGroupsPerActor) {
        key = JSON.stringify([actor.userId, room, '*']);
        group = this.groups.get(key);
        if (group === undefined)
          group = this.open(key, actor, room, null, null, r.code, '多处修改被拒绝（汇总）', now, at);
      }
      group ??= this.open(key, actor, room, caseId, field, r.code, r.message, now, at);
      group.count++;
      group.lastAt = at;
    }
    if (this.groups.size >= this.opts.maxGroups) this.flush();
    else this.schedule();
  }

  private open(
    key: string,
    actor: Actor,
    room: string,
    caseId: string | null,
    field: string | null,
    code: string,
    message: string,
    now: number,
    at: string,
  ): Group {
    const group: Group = {
      row: {
        at,
        actorId: actor.userId,
        actorName: actor.name,
        role: actor.role,
        unitId: actor.unitId,
        caseId,
        command: 'edit',
        field,
        old: null,
        new: null,
        accepted: false,
        code,
        note: `${message}（房间 ${room}）`,
      },
      count: 0,
      lastAt: at,
      opened: now,
    };
    this.groups.set(key, group);
    this.perActor.set(actor.userId, (this.perActor.get(actor.userId) ?? 0) + 1);
    return group;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush(this.clock() - this.opts.windowMs);
    }, this.opts.windowMs);
    this.timer.unref();
  }

  /** Writes every group opened at or before `openedBefore` (all when omitted) as one row each. */
  flush(openedBefore = Number.POSITIVE_INFINITY): void {
    const rows: NewAudit[] = [];
    for (const [key, g] of this.groups) {
      if (g.opened > openedBefore) continue;
      this.groups.delete(key);
      const n = (this.perActor.get(g.row.actorId) ?? 1) - 1;
      if (n <= 0) this.perActor.delete(g.row.actorId);
      else this.perActor.set(g.row.actorId, n);
      rows.push({ ...g.row, count: g.count, lastAt: g.count > 1 ? g.lastAt : null });
    }
    if (rows.length > 0) this.write(rows);
    if (this.groups.size > 0) this.schedule();
  }

  /** Writes everything still open and stops the timer (at shutdown). */
  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.flush();
  }
}
