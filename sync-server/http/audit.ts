// GET /api/audit: the append-only audit log, paged by id; office and viewer see all, a unit one visible case at a time.
import { Hono } from 'hono';
import { actorOf } from './auth';
import type { AppDeps, AppEnv } from './env';
import { refuse } from './errors';
import { idParam, intParam, readQuery } from './query';
import { sendJson } from './respond';

export const AUDIT_LIMIT_DEFAULT = 200;
export const AUDIT_LIMIT_MAX = 1000;

/**
 * HTTP16: ?caseId=&afterId=&limit= (limit 1–1000, default 200; afterId excludes that id). A unit must name a case it
 * currently sees (no caseId → FORBIDDEN_ROLE; a case it does not see → CASE_NOT_FOUND, PERM3). nextAfterId pages on.
 */
export function auditApp({ ledger, store }: Pick<AppDeps, 'ledger' | 'store'>): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    const actor = actorOf(c);
    const q = readQuery(c, ['caseId', 'afterId', 'limit']);
    const caseId = idParam(q, 'caseId', '诉求');
    const afterId = intParam(q, 'afterId', '起始编号', 0, Number.MAX_SAFE_INTEGER, 0) ?? 0;
    const limit = intParam(q, 'limit', '条数', 1, AUDIT_LIMIT_MAX, AUDIT_LIMIT_DEFAULT) ?? AUDIT_LIMIT_DEFAULT;
    if (actor.role === 'unit' && caseId === null) refuse('FORBIDDEN_ROLE', '承办单位查询办理记录须指定诉求（caseId）');
    if (caseId !== null && ledger.caseFor(actor, caseId) === null) refuse('CASE_NOT_FOUND');
    // SYNC7: refusal groups still collecting are written now, so the log explains everything up to this request;
    // see writes still queued by the sync side too; a failed write is reported by its writer, the read goes on
    ledger.flushAudit();
    await store.flush().catch((e: unknown) => console.error('[接口] 审计日志刷新失败', e));
    const entries = await store.audit(caseId === null ? { afterId, limit } : { caseId, afterId, limit });
    const last = entries[entries.length - 1];
    return sendJson(c, { entries, nextAfterId: entries.length === limit && last !== undefined ? last.id : null });
  });
}
