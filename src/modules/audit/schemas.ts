import { z } from 'zod';

/** One audit record as the API shows it (the actor's id and the chain's hashes stay inside). */
export const AuditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  orgId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  summary: z.record(z.string(), z.unknown()),
  clientIp: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;
