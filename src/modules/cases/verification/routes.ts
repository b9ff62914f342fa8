import type { CaseDeps } from '../ports.ts';
import { z } from 'zod';
import { runChange, sendChange } from '../../../kernel/change.ts';
import type { AppContext } from '../../../kernel/context.ts';
import { rolesFor } from '../../../kernel/permissions.rules.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../../kernel/scope.ts';
import { businessDateOf } from '../../../shared/business-date.ts';
import * as repo from './repo.ts';
import {
  BadCreditListQuery,
  BadCreditView,
  CreditRepairBody,
  VerificationListQuery,
  VerificationOutcomeBody,
  VerificationView,
} from './schemas.ts';
import { recordOutcome, repairCredit, toBadCreditView, toVerificationView } from './service.ts';

/** 事中事后核查 of 告知承诺 and 失信记录 / 信用修复 (ADR 0024). */
export function caseVerificationRoutes(ctx: AppContext, deps: CaseDeps): RoutesPlugin {
  return async (app) => {
    const tags = ['cases'];

    app.get(
      '/api/case-verifications',
      {
        schema: {
          tags,
          summary: '事中事后核查任务（告知承诺办件受理后核查承诺内容；默认只列待核查，按到期日排序）',
          querystring: VerificationListQuery,
          response: { 200: z.object({ verifications: z.array(VerificationView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('case.read'));
        const today = businessDateOf(ctx.clock.now());
        return readInScope(ctx, actor, async (tx) => ({
          verifications: (await repo.listVerifications(tx, actor.scopeOrgIds, request.query)).map((task) =>
            toVerificationView(task, today),
          ),
        }));
      },
    );

    app.post(
      '/api/case-verifications/:id/outcome',
      {
        schema: {
          tags,
          summary: '记录核查结果：属实（任务关闭）或不实（撤销/终止办件决定并记录申请人失信）',
          description: '带任务的当前 version；版本过期返回 409，已有结果返回 422。需 Idempotency-Key。',
          params: IdParams,
          body: VerificationOutcomeBody,
          response: { 200: VerificationView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('case.handle'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) =>
            recordOutcome(tx, actor, request.params.id, request.body, now, ctx.auditKey, deps),
          ),
        );
      },
    );

    app.get(
      '/api/bad-credit-records',
      {
        schema: {
          tags,
          summary: '失信记录（告知承诺不实；修复前不适用告知承诺和容缺受理，国办发〔2020〕42号）',
          querystring: BadCreditListQuery,
          response: { 200: z.object({ records: z.array(BadCreditView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('case.read'));
        const { standing, idNumber, caseId, limit } = request.query;
        return readInScope(ctx, actor, async (tx) => ({
          records: (await repo.listBadCredit(tx, actor.scopeOrgIds, { standingOnly: standing === 'true', idNumber, caseId, limit })).map(
            toBadCreditView,
          ),
        }));
      },
    );

    app.post(
      '/api/bad-credit-records/:id/repair',
      {
        schema: {
          tags,
          summary: '信用修复（中心主任，须说明理由）：记录保留并标明修复，申请人恢复适用告知承诺和容缺受理',
          description: '带记录的当前 version；版本过期返回 409，已修复返回 422。需 Idempotency-Key。',
          params: IdParams,
          body: CreditRepairBody,
          response: { 200: BadCreditView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('credit.repair'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => repairCredit(tx, actor, request.params.id, request.body, now)));
      },
    );
  };
}
