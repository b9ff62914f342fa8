import { z } from 'zod';
import { runChange, sendChange } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { actOnCase } from './acts.ts';
import { ExchangeRecordView } from './exchange.ts';
import type { CaseDeps } from './ports.ts';
import { ActBodies, CaseView, CreateCaseBody, RefundFeeBody, TrackQuery, TrackView, type StaffAct } from './schemas.ts';
import { exchangeRecordOf, revealApplicant, loadCaseInScope, openCase, trackCase, viewCase } from './service.ts';
import { caseListRoutes } from './list/routes.ts';
import { caseMaterialRoutes } from './materials/routes.ts';
import { caseNoticeRoutes } from './notice-documents/routes.ts';
import { publicBaseUrl } from '../../kernel/public-url.ts';
import { refundFee } from './refund.ts';
import { caseStepRoutes } from './steps/routes.ts';
import { caseVerificationRoutes } from './verification/routes.ts';

/** Acts whose route says more than its name. */
const ACT_DOCS: Partial<Record<StaffAct, { summary: string; description: string }>> = {
  'settle-fee': {
    summary: '收费：缴费（凭票据号）或减免（说明减免依据）',
    description:
      '应收费用在接件时按事项收费标准复制（以分计）。已受理、已上报、已办结时可办理，办件状态不变；没有待缴费用或已缴/已减免时返回 422。费用待缴时不能送达。',
  },
  'request-extension': {
    summary: '申请延期（窗口人员提出，待中心主任审批；行政许可法第四十二条）',
    description:
      '延期最多 10 个工作日（联办件 15 个）、只能一次；办件已超期时返回 422 CASE_EXTENSION_LATE。中心主任可直接“延期”，无须申请（403）。',
  },
  'approve-extension': {
    summary: '批准延期（中心主任）：按申请的天数延长办结期限，未超期的办理步骤同步顺延，并告知申请人',
    description: '仅中心主任（及县级管理员）可办理，其他岗位 403；办件已超期时返回 422 CASE_EXTENSION_LATE。批准后可打印延期通知书。',
  },
  'refuse-extension': {
    summary: '不批准延期（中心主任，须说明理由）：办结期限不变',
    description: '仅中心主任（及县级管理员）可办理，其他岗位 403。',
  },
};

export function caseRoutes(ctx: AppContext, deps: CaseDeps): RoutesPlugin {
  return async (app) => {
    const tags = ['cases'];
    await app.register(caseStepRoutes(ctx, deps));
    await app.register(caseNoticeRoutes(ctx, rolesFor('case.read'), deps));
    await app.register(caseListRoutes(ctx));
    await app.register(caseMaterialRoutes(ctx));
    await app.register(caseVerificationRoutes(ctx, deps));

    app.post(
      '/api/cases',
      {
        schema: {
          tags,
          summary: '接件（窗口、网上或村代办）',
          description: '需 Idempotency-Key：同一键重复提交返回同一办件，不会重复创建。',
          body: CreateCaseBody,
          response: {
            201: z.object({ id: z.string(), caseNo: z.string(), status: z.string(), version: z.number().int() }),
            ...problemResponses,
          },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('case.handle'));
        const result = await runChange(ctx, request, (tx, actor, now) => openCase(tx, actor, request.body, now, deps, ctx.auditKey));
        sendChange(reply, result);
      },
    );

    app.get(
      '/api/cases/:id',
      { schema: { tags, summary: '办件详情（含材料与全部事件）', params: IdParams, response: { 200: CaseView, ...problemResponses } } },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('case.read'));
        return readInScope(ctx, actor, async (tx) => viewCase(tx, await loadCaseInScope(tx, actor, request.params.id), actor));
      },
    );

    app.post(
      '/api/cases/:id/reveal',
      {
        schema: {
          tags,
          summary: '查看申请人完整证件号码和电话（须说明理由，记入审计）',
          params: IdParams,
          body: z.strictObject({ reason: z.string().trim().min(4, '请说明查看完整号码的理由（至少 4 个字）').max(200) }),
          response: { 200: z.object({ idNumber: z.string(), phone: z.string() }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('case.reveal'));
        sendChange(reply, await runChange(ctx, request, (tx, actor) => revealApplicant(tx, actor, request.params.id, request.body.reason)));
      },
    );

    app.get(
      '/api/cases/:id/exchange',
      {
        schema: {
          tags,
          summary: '办件信息上报记录（申办、受理、补正、特别程序、审批环节、办结、取件）',
          description: '由办件事件日志推导，与办理过程一一对应，供向省级平台交换。',
          params: IdParams,
          response: { 200: ExchangeRecordView, ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('case.read'));
        return readInScope(ctx, actor, async (tx) => exchangeRecordOf(tx, await loadCaseInScope(tx, actor, request.params.id)));
      },
    );

    for (const act of Object.keys(ActBodies) as StaffAct[]) {
      app.post(
        `/api/cases/:id/${act}`,
        {
          schema: {
            tags,
            summary: ACT_DOCS[act]?.summary ?? `办件操作：${act}`,
            description: `${ACT_DOCS[act]?.description ?? ''}带当前 version；版本过期返回 409，当前状态不允许返回 422（列出允许的操作）。`,
            params: IdParams,
            body: ActBodies[act],
            response: { 200: CaseView, ...problemResponses },
          },
        },
        async (request, reply) => {
          requireStaff(request, ...rolesFor('case.handle'));
          const result = await runChange(ctx, request, (tx, actor, now) =>
            actOnCase(
              tx,
              actor,
              request.params.id,
              act,
              request.body,
              now,
              { ...deps, publicUrl: publicBaseUrl(ctx, request) },
              ctx.auditKey,
            ),
          );
          sendChange(reply, { status: result.status, body: result.body.case });
        },
      );
    }

    app.post(
      '/api/cases/:id/fee-refund',
      {
        schema: {
          tags,
          summary: '退费：退还误缴的费用（凭退付凭证号，说明原因）',
          description:
            '带当前 version；仅已缴费用可退，退费后原缴费票据仍保留在办件上，办件状态不变。没有已缴费用时返回 422 CASE_FEE_NOT_REFUNDABLE。',
          params: IdParams,
          body: RefundFeeBody,
          response: { 200: CaseView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('case.handle'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => refundFee(tx, actor, request.params.id, request.body, now, ctx.auditKey)),
        );
      },
    );

    app.get(
      '/api/public/cases/:caseNo',
      {
        schema: {
          tags: ['public'],
          summary: '办件查询（凭手机号后 4 位）',
          params: z.strictObject({ caseNo: z.string().max(40) }),
          querystring: TrackQuery,
          response: { 200: TrackView, ...problemResponses },
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (request) => trackCase(ctx.db, request.params.caseNo, request.query.check, ctx.clock.now()),
    );
  };
}
