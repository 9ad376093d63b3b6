// The audit entries of an accepted command or import as the store's rows.
import type { AuditEntry } from '../../shared/commands';
import type { NewAudit } from '../store/store';

export function auditRows(entries: readonly AuditEntry[]): NewAudit[] {
  return entries.map((e): NewAudit => ({ ...e, accepted: true, code: null }));
}
