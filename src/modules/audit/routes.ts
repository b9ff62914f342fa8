import { z } from 'zod';
import type { AppContext } from '../../kernel/context.ts';
import { problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { requireStaff, scopeOf } from '../../kernel/scope.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import { AuditEntryView } from './schemas.ts';
import { countAuditInScope, listAudit, type ChainVerdict } from './service.ts';

/** `audit verify` in full: the chain, the copy of its head outside the database, every case's events. */
export interface TrailVerdict extends ChainVerdict {
  /** The seq the copy outside the database names, or null where none was recorded. */
  externalAnchor: number | null;
  caseEvents: { ok: boolean; cases: number; events: number; firstBroken?: { caseNo: string; orgId: string; seq: number; reason: string } };
}
export type VerifyTrail = () => Promise<TrailVerdict>;

const BrokenView = z.object({ seq: z.number().int(), reason: z.string() });

export function auditRoutes(ctx: AppContext, verifyTrail: VerifyTrail): RoutesPlugin {
  return async (app) => {
    const tags = ['audit'];
    app.get(
      '/api/audit',
      {
        schema: {
          tags,
          summary: '审计日志（本人管辖范围，新的在前）',
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            beforeSeq: z.coerce.number().int().min(1).optional(),
          }),
          response: { 200: z.object({ entries: z.array(AuditEntryView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('audit.read'));
        const records = await listAudit(ctx.db, scopeOf(actor), request.query.limit, request.query.beforeSeq);
        return {
          entries: records.map((record) => ({
            seq: record.seq,
            at: record.at.toISOString(),
            actorName: record.actorName,
            actorRole: record.actorRole,
            orgId: record.orgId,
            action: record.action,
            targetType: record.targetType,
            targetId: record.targetId,
            summary: record.summary,
            clientIp: record.clientIp,
          })),
        };
      },
    );

    app.get(
      '/api/audit/verify',
      {
        schema: {
          tags,
          summary: '校验审计哈希链与办件事件链（报告第一处断链）',
          description:
            '全库校验（审计链、库外锚点、每个办件的事件链及其审计记录）；checked 为本人管辖范围内的审计记录数，其他辖区的断点不显示办件编号。',
          response: {
            200: z.object({
              ok: z.boolean(),
              checked: z.number().int(),
              firstBroken: BrokenView.optional(),
              caseEvents: z.object({ ok: z.boolean(), firstBroken: BrokenView.extend({ caseNo: z.string().nullable() }).optional() }),
            }),
            ...problemResponses,
          },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('audit.read'));
        const verdict = await verifyTrail();
        const broken = verdict.caseEvents.firstBroken;
        return {
          ok: verdict.ok,
          checked: await countAuditInScope(ctx.db, scopeOf(actor)),
          ...(verdict.firstBroken ? { firstBroken: verdict.firstBroken } : {}),
          caseEvents: {
            ok: verdict.caseEvents.ok,
            // Another county's case number is not disclosed; that its chain is broken is.
            ...(broken
              ? {
                  firstBroken: {
                    seq: broken.seq,
                    reason: broken.reason,
                    caseNo: actor.scopeOrgIds.includes(broken.orgId) ? broken.caseNo : null,
                  },
                }
              : {}),
          },
        };
      },
    );
  };
}
