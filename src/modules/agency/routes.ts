import { z } from 'zod';
import { runChange, sendChange } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { actOnRequest } from './acts.ts';
import { documentTasks } from './documents.ts';
import type { AgencyDeps } from './ports.ts';
import {
  agentMonth,
  agentsOfVillage,
  createConsultation,
  createDecline,
  feeLedger,
  listConsultations,
  listDeclines,
  readLegLimits,
  saveLegLimits,
  setAgentVillages,
} from './records.ts';
import {
  ActBodies,
  AgencyRequestView,
  AgentableItemView,
  AgentMonthView,
  AgentProfileView,
  ConsultationView,
  CreateConsultationBody,
  CreateDeclineBody,
  CreateRequestBody,
  DeclineView,
  DeviceView,
  FeeLedgerView,
  LegLimitsBody,
  MonthQuery,
  RequestListQuery,
  type AgencyAct,
  AgentChoiceView,
  LegLimitsView,
} from './schemas.ts';
import { agentableItems, agentProfile, createRequest, listRequests, loadRequestInScope, registerDevice, viewRequest } from './service.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';

const ACT_SUMMARIES: Record<AgencyAct, string> = {
  forward: '报送：代办员把材料送交乡镇（代办员，登记后 2 个工作日内）',
  receive: '接收：乡镇窗口核对材料并开具办件（渠道 agent）',
  return: '返还：办理结果送回村（办结后 3 个工作日内）',
  notify: '告知：代办员告知申请人领取（返还后 2 个工作日内）',
  sign: '签收：申请人手写签名并评价满意度',
  'collect-fee': '代收费用：凭票据号登记',
  reassign: '改派：本村另一名代办员接手',
};

export function agencyRoutes(ctx: AppContext, deps: AgencyDeps): RoutesPlugin {
  const monthOf = (asked: string | undefined) => asked ?? businessDateOf(ctx.clock.now()).slice(0, 7);
  return async (app) => {
    const tags = ['agency'];

    app.post(
      '/api/agency/devices',
      { schema: { tags, summary: '代办设备登记：领取离线编号前缀（每台设备一次）', response: { 201: DeviceView, ...problemResponses } } },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('agency.agent'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => registerDevice(tx, actor, now)));
      },
    );

    app.get(
      '/api/agency/me',
      { schema: { tags, summary: '代办员本人：负责的村与代办时限', response: { 200: AgentProfileView, ...problemResponses } } },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('agency.agent'));
        return readInScope(ctx, actor, (tx) => agentProfile(tx, actor));
      },
    );

    app.get(
      '/api/agency/items',
      {
        schema: {
          tags,
          summary: '可村级代办的事项及其材料（供离线登记）',
          response: { 200: z.object({ items: z.array(AgentableItemView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('agency.agent'));
        const items = await readInScope(ctx, actor, (tx) => agentableItems(tx, actor, deps));
        return {
          items: items.map((item) => ({
            code: item.code,
            name: item.name,
            department: item.department,
            promisedDays: item.promisedDays,
            dayKind: item.dayKind,
            situations: item.situations ?? [],
            searchKey: item.searchKey ?? '',
            materials: item.materials.map((material) => ({
              name: material.name,
              required: material.required,
              situations: material.situations ?? [],
            })),
            fees: item.fees,
          })),
        };
      },
    );

    app.post(
      '/api/agency/requests',
      {
        schema: {
          tags,
          summary: '代办登记（村代办员）',
          description:
            '需 Idempotency-Key（设备生成，重试时不变）：同一键重复提交返回同一代办件。编号由设备前缀、日期和设备内序号组成；离线登记带 registeredAt。',
          body: CreateRequestBody,
          response: { 201: AgencyRequestView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('agency.agent'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => createRequest(tx, actor, request.body, now, deps)));
      },
    );

    app.get(
      '/api/agency/requests',
      {
        schema: {
          tags,
          summary: '代办件列表（代办员：本人持有的；乡镇：本乡镇各村的；环节期限近的在前）',
          querystring: RequestListQuery,
          response: { 200: z.object({ requests: z.array(AgencyRequestView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('agency.read'));
        return { requests: await readInScope(ctx, actor, (tx) => listRequests(tx, actor, request.query, deps, ctx.clock.now())) };
      },
    );

    app.get(
      '/api/agency/requests/:id',
      {
        schema: {
          tags,
          summary: '代办件详情（各环节期限与预警、流转记录）',
          params: IdParams,
          response: { 200: AgencyRequestView, ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('agency.read'));
        return readInScope(ctx, actor, async (tx) =>
          viewRequest(tx, actor, await loadRequestInScope(tx, actor, request.params.id), deps, ctx.clock.now()),
        );
      },
    );

    app.get(
      '/api/agency/requests/:id/label.pdf',
      { schema: { tags, summary: '代办件流转标签（二维码为代办编号，交接时扫码）', params: IdParams } },
      async (request, reply) => {
        const actor = requireStaff(request, ...rolesFor('agency.read'));
        const view = await readInScope(ctx, actor, async (tx) =>
          viewRequest(tx, actor, await loadRequestInScope(tx, actor, request.params.id), deps, ctx.clock.now()),
        );
        return reply
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `inline; filename="label.pdf"; filename*=UTF-8''${encodeURIComponent(`代办件标签-${view.requestNo}.pdf`)}`,
          )
          .send(await ctx.heavy.run(documentTasks.requestLabelPdf, view));
      },
    );

    for (const act of Object.keys(ActBodies) as AgencyAct[]) {
      app.post(
        `/api/agency/requests/:id/${act}`,
        {
          schema: {
            tags,
            summary: ACT_SUMMARIES[act],
            description:
              '带当前 version；版本过期返回 409 VERSION_CONFLICT；代办员已不再持有返回 409 AGENCY_NOT_HOLDER；当前状态不允许返回 422。',
            params: IdParams,
            body: ActBodies[act],
            response: { 200: AgencyRequestView, ...problemResponses },
          },
        },
        async (request, reply) => {
          requireStaff(request, ...rolesFor('agency.act'));
          sendChange(
            reply,
            await runChange(ctx, request, (tx, actor, now) =>
              actOnRequest(tx, actor, request.params.id, act, request.body, now, deps, ctx.auditKey),
            ),
          );
        },
      );
    }

    app.get(
      '/api/agency/agents',
      {
        schema: {
          tags,
          summary: '某村在岗代办员（改派用）',
          querystring: z.strictObject({ villageId: z.uuid() }),
          response: {
            200: z.object({ agents: z.array(AgentChoiceView) }),
            ...problemResponses,
          },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('agency.window'));
        if (!actor.scopeOrgIds.includes(request.query.villageId)) return { agents: [] };
        return { agents: await readInScope(ctx, actor, (tx) => agentsOfVillage(tx, request.query.villageId)) };
      },
    );

    app.put(
      '/api/agency/agents/:id/villages',
      {
        schema: {
          tags,
          summary: '指派代办员负责的村（除本村外；整体替换）',
          params: IdParams,
          body: z.strictObject({ villageIds: z.array(z.uuid()).max(30) }),
          response: { 200: z.object({ agentId: z.string(), villageIds: z.array(z.string()) }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('agency.villages'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor) => setAgentVillages(tx, actor, request.params.id, request.body.villageIds)),
        );
      },
    );

    app.post(
      '/api/agency/declines',
      {
        schema: {
          tags,
          summary: '不能代办登记（不在代办范围或不合法），记录原因',
          body: CreateDeclineBody,
          response: { 201: DeclineView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('agency.agent'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => createDecline(tx, actor, request.body, now)));
      },
    );
    app.get(
      '/api/agency/declines',
      {
        schema: {
          tags,
          summary: '不能代办登记（按月）',
          querystring: MonthQuery,
          response: { 200: z.object({ declines: z.array(DeclineView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('agency.read'));
        return { declines: await readInScope(ctx, actor, (tx) => listDeclines(tx, actor, monthOf(request.query.month))) };
      },
    );

    app.post(
      '/api/agency/consultations',
      {
        schema: {
          tags,
          summary: '咨询登记（现场或电话答复）',
          body: CreateConsultationBody,
          response: { 201: ConsultationView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('agency.agent'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => createConsultation(tx, actor, request.body, now)));
      },
    );
    app.get(
      '/api/agency/consultations',
      {
        schema: {
          tags,
          summary: '咨询登记（按月）',
          querystring: MonthQuery,
          response: { 200: z.object({ consultations: z.array(ConsultationView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('agency.read'));
        return { consultations: await readInScope(ctx, actor, (tx) => listConsultations(tx, actor, monthOf(request.query.month))) };
      },
    );

    app.get(
      '/api/agency/performance',
      {
        schema: {
          tags,
          summary: '代办员月度绩效',
          querystring: MonthQuery,
          response: { 200: z.object({ month: z.string(), agents: z.array(AgentMonthView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('agency.ledger'));
        return {
          month: monthOf(request.query.month),
          agents: await readInScope(ctx, actor, (tx) => agentMonth(tx, actor, monthOf(request.query.month), ctx.clock.now())),
        };
      },
    );
    app.get(
      '/api/agency/performance.xlsx',
      { schema: { tags, summary: '代办员月度绩效表（Excel，发放交通补贴和绩效奖励用）', querystring: MonthQuery } },
      async (request, reply) => {
        const actor = requireStaff(request, ...rolesFor('agency.ledger'));
        const agents = await readInScope(ctx, actor, (tx) => agentMonth(tx, actor, monthOf(request.query.month), ctx.clock.now()));
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="agents.xlsx"; filename*=UTF-8''${encodeURIComponent(`代办员绩效-${monthOf(request.query.month)}.xlsx`)}`,
          )
          .send(await ctx.heavy.run(documentTasks.agentMonthWorkbook, actor.orgName, monthOf(request.query.month), agents));
      },
    );

    app.get(
      '/api/agency/fees',
      {
        schema: {
          tags,
          summary: '代收费用台账（按月，含票据号与合计）',
          querystring: MonthQuery,
          response: { 200: FeeLedgerView, ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('agency.ledger'));
        return readInScope(ctx, actor, (tx) => feeLedger(tx, actor, monthOf(request.query.month)));
      },
    );

    app.get(
      '/api/agency/settings',
      { schema: { tags, summary: '代办时限（工作日）', response: { 200: LegLimitsView, ...problemResponses } } },
      async (request) => {
        const actor = requireStaff(request);
        return readInScope(ctx, actor, (tx) => readLegLimits(tx, actor));
      },
    );
    app.put(
      '/api/agency/settings',
      {
        schema: {
          tags,
          summary: '设置本县代办时限（县管理员）',
          body: LegLimitsBody,
          response: { 200: LegLimitsView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('agency.limits'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => saveLegLimits(tx, actor, request.body, now)));
      },
    );
  };
}
