import { PassThrough } from 'node:stream';
import type { AppContext } from '../../kernel/context.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import type { RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { LedgerQuery } from './schemas.ts';
import { planLedger, writeLedger, type LedgerKind } from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 台帐: 办件台帐 and 收费台帐 as .xlsx, streamed (ADR 0029). */
export function reportRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const tags = ['reports'];
    const summaries: Record<LedgerKind, string> = {
      cases: '办件台帐（.xlsx，流式导出：按接件日期，含受理、期限、办结、送达、结果、是否按时办结、经办人；证件号码脱敏）',
      fees: '收费台帐（.xlsx，流式导出：应收金额、票据号、减免依据、退费）',
    };
    for (const kind of ['cases', 'fees'] as const) {
      app.get(
        `/api/ledgers/${kind}.xlsx`,
        {
          schema: {
            tags,
            summary: summaries[kind],
            description: 'org 缺省为本机构；乡镇只能导出本乡镇，县级可导出全县或某乡镇。from–to 为接件日期，最多 366 天。',
            querystring: LedgerQuery,
          },
        },
        async (request, reply) => {
          const actor = requireStaff(request, ...rolesFor('report.ledger'));
          // The scope and the range are checked before the first byte, so a refusal is a clean problem answer.
          const plan = await readInScope(ctx, actor, (tx) => planLedger(tx, actor, request.query));
          const body = new PassThrough();
          writeLedger(ctx, actor, plan, kind, body, businessDateOf(ctx.clock.now())).catch((error: unknown) => {
            request.log.error({ err: error }, 'ledger export failed');
            body.destroy(error instanceof Error ? error : new Error(String(error)));
          });
          return reply
            .type(XLSX)
            .header('content-disposition', `attachment; filename="ledger-${kind}-${plan.from}-${plan.to}.xlsx"`)
            .send(body);
        },
      );
    }
  };
}
