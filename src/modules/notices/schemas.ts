import { z } from 'zod';

/** A message to an applicant and how its sending went; the recipient's number is masked (R10). */
export const NoticeView = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  recipient: z.string(),
  message: z.string(),
  channel: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type NoticeView = z.infer<typeof NoticeView>;

export const NoticeQuery = z.strictObject({ caseId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
