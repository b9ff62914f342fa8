import { z } from 'zod';
import { VersionField } from '../../../kernel/route-kit.ts';

const Reason = (label: string) => z.string().trim().min(2, `请填写${label}（至少 2 个字）`).max(500, `${label}最多 500 个字`);

export const VerificationListQuery = z.strictObject({
  status: z.enum(['open', 'true', 'false', 'all']).default('open'),
  caseId: z.uuid({ message: '办件编号格式不正确' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const VerificationView = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  itemName: z.string(),
  applicantName: z.string(),
  materials: z.array(z.string()),
  dueOn: z.string(),
  status: z.enum(['open', 'true', 'false']),
  statusLabel: z.string(),
  overdue: z.boolean(),
  outcomeNote: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
});
export type VerificationView = z.infer<typeof VerificationView>;

/** 核查结果: 属实 closes the task; 不实 needs the finding (it becomes the bad-credit record's reason). */
export const VerificationOutcomeBody = z
  .strictObject({ version: VersionField, outcome: z.enum(['true', 'false']), note: z.string().trim().max(500).default('') })
  .refine((body) => body.outcome === 'true' || body.note.length >= 2, { message: '核查不实须说明核查发现（至少 2 个字）', path: ['note'] });
export type VerificationOutcomeBody = z.infer<typeof VerificationOutcomeBody>;

export const BadCreditListQuery = z.strictObject({
  standing: z.enum(['true', 'false']).default('true'),
  idNumber: z.string().trim().toUpperCase().max(18).optional(),
  caseId: z.uuid({ message: '办件编号格式不正确' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const BadCreditView = z.object({
  id: z.string(),
  idNumber: z.string(),
  applicantName: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  reason: z.string(),
  recordedOn: z.string(),
  recordedBy: z.string(),
  repairedAt: z.string().nullable(),
  repairedBy: z.string().nullable(),
  repairReason: z.string().nullable(),
  version: z.number().int(),
});
export type BadCreditView = z.infer<typeof BadCreditView>;

export const CreditRepairBody = z.strictObject({ version: VersionField, reason: Reason('信用修复理由') });
export type CreditRepairBody = z.infer<typeof CreditRepairBody>;
