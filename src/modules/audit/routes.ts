import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { problemResponses, type RoutesPlugin } from '../../server/route-kit.ts';
import { requireStaff, scopeOf } from '../../server/scope.ts';
import { rolesFor } from '../auth/index.ts';
import { listAudit, verifyAuditChain } from './service.ts';

const AuditEntryView = z.object({
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

export function auditRoutes(ctx: AppContext): RoutesPlugin {
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
          summary: '校验审计哈希链（报告第一处断链）',
          response: {
            200: z.object({ ok: z.boolean(), checked: z.number().int(), firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional() }),
            ...problemResponses,
          },
        },
      },
      async (request) => {
        requireStaff(request, 'county_admin', 'supervisor');
        return verifyAuditChain(ctx.db, ctx.auditKey);
      },
    );
  };
}
