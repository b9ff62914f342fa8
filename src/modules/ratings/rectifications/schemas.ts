import { z } from 'zod';
import { VersionField } from '../../../kernel/route-kit.ts';
import { RATING_LEVELS } from '../indicators.rules.ts';
import { CLASSIFICATIONS, RATER_VIEWS, RECTIFICATION_ACTS, RECTIFICATION_STAGES } from './transitions.rules.ts';

export const RectificationListQuery = z.strictObject({ status: z.enum(['open', 'closed', 'all']).default('open') });

const Note = z.string().trim().max(1000, '说明最多 1000 个字');

/** One act on a 差评整改; the fields it needs depend on the act (checked in the service with a named refusal). */
export const RectificationActBody = z.strictObject({
  act: z.enum(RECTIFICATION_ACTS, { message: '未知的整改操作' }),
  version: VersionField,
  note: Note.default(''),
  classification: z.enum(CLASSIFICATIONS).optional(),
  isUpheld: z.boolean().optional(),
  view: z.enum(RATER_VIEWS).optional(),
});
export type RectificationActBody = z.infer<typeof RectificationActBody>;

/** A 差评整改 as staff see it: the rating's content, never who rated. */
export const RectificationView = z.object({
  id: z.string(),
  orgId: z.string(),
  ratingId: z.string(),
  caseNo: z.string().nullable(),
  level: z.enum(RATING_LEVELS),
  levelLabel: z.string(),
  reasons: z.array(z.string()),
  comment: z.string(),
  staffName: z.string().nullable(),
  ratedOn: z.string(),
  stage: z.enum(RECTIFICATION_STAGES),
  stageLabel: z.string(),
  classification: z.enum(CLASSIFICATIONS).nullable(),
  classificationLabel: z.string().nullable(),
  dueOn: z.string().nullable(),
  warning: z.enum(['none', 'pre', 'yellow', 'red']),
  warningLabel: z.string(),
  answer: z.string().nullable(),
  raterView: z.enum(RATER_VIEWS).nullable(),
  raterViewLabel: z.string().nullable(),
  history: z.array(z.object({ act: z.string(), actLabel: z.string(), by: z.string(), at: z.string(), note: z.string() })),
  allowedActs: z.array(z.enum(RECTIFICATION_ACTS)),
  version: z.number().int(),
});
export type RectificationView = z.infer<typeof RectificationView>;
