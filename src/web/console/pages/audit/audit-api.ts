import { api, queryString } from '../../../shared/api.ts';

/** One record of the audit trail (R9), newest first. */
export interface AuditEntry {
  seq: number;
  at: string;
  actorName: string;
  actorRole: string;
  orgId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  summary: Record<string, unknown>;
  clientIp: string;
}

/** The verifier's answer: the whole chain checked, or the first record that does not fit it. */
export interface Verdict {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

/** A page of entries, older than `beforeSeq` when it is given. */
export async function listAuditEntries(limit: number, beforeSeq?: number): Promise<AuditEntry[]> {
  return (await api.get<{ entries: AuditEntry[] }>(`/api/audit${queryString({ limit, beforeSeq })}`)).entries;
}

export const verifyAuditTrail = () => api.get<Verdict>('/api/audit/verify');
