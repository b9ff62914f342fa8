/**
 * A village agency request as the server shows it, shared by the agent app and the console: the types
 * are the server's own schemas (src/modules/agency/schemas.ts) and rule file (legs.rules.ts), never a copy.
 */
import type { z } from 'zod';
import type {
  AgencyEventView as AgencyEventSchema,
  AgencyRequestView as AgencyRequestSchema,
  LegView as LegSchema,
} from '../../modules/agency/schemas.ts';
import type { WarningLevel } from '../../shared/warning-level.ts';

export { AGENCY_LEGS, AGENCY_STATUSES } from '../../modules/agency/legs.rules.ts';
export type { AgencyAct, AgencyLeg, AgencyStatus, Satisfaction } from '../../modules/agency/legs.rules.ts';
export type AgencyWarning = WarningLevel;
export type LegView = z.infer<typeof LegSchema>;
export type AgencyEventView = z.infer<typeof AgencyEventSchema>;
export type AgencyRequestView = z.infer<typeof AgencyRequestSchema>;
