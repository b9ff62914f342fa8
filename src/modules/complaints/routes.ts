import { z } from 'zod';
import { runChange, sendChange } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import {
  AcceptBody,
  AnswerBody,
  ArchiveBody,
  ComplaintDetailView,
  ComplaintListQuery,
  ComplaintSettingsBody,
  ComplaintSettingsQuery,
  ComplaintSettingsView,
  ComplaintView,
  FiledComplaintView,
  InvestigateBody,
  RefuseBody,
  TranscribeBody,
} from './schemas.ts';
import { saveSettings, settingsOf } from './settings.ts';
import { actOnComplaint, complaintDetail, listComplaintsFor, transcribeComplaint, type ActInput } from './service.ts';

const tags = ['complaints'];
const ACT_BODIES = {
  accept: { body: AcceptBody, summary: '受理投诉（5 个工作日内决定；可指定承办人，被投诉人除外），答复期限按工作日起算' },
  refuse: { body: RefuseBody, summary: '不予受理（须说明理由，投诉人凭查询码可见）' },
  investigate: { body: InvestigateBody, summary: '记录调查情况、结论（属实/部分属实/不属实）与处置意见；属实、部分属实记入责任追究' },
  answer: { body: AnswerBody, summary: '答复投诉人（反馈）：实名投诉人收到短信，可凭查询码查看并评价' },
  archive: { body: ArchiveBody, summary: '归档（已答复或不予受理的投诉）' },
} as const;

/** 投诉·举报 for staff: the list and detail (never a complaint about oneself), transcription, and the acts. */
export function complaintStaffRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    app.get(
      '/api/complaints',
      {
        schema: {
          tags,
          summary: '投诉列表（本级及下级；工作人员只见指派给自己的；任何人看不到针对自己的投诉）',
          querystring: ComplaintListQuery,
          response: { 200: z.object({ complaints: z.array(ComplaintView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('complaint.read'));
        return readInScope(ctx, actor, async (tx) => ({ complaints: await listComplaintsFor(tx, actor, request.query) }));
      },
    );

    app.get(
      '/api/complaints/:id',
      {
        schema: {
          tags,
          summary: '投诉详情与处理记录（allowedActs 为当前可做的操作）',
          params: IdParams,
          response: { 200: ComplaintDetailView, ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('complaint.read'));
        return readInScope(ctx, actor, (tx) => complaintDetail(tx, actor, request.params.id));
      },
    );

    app.post(
      '/api/complaints',
      {
        schema: {
          tags,
          summary: '登记意见箱、效能投诉电话或 12345/8890 热线工单（热线须填工单号）；针对中心主任的投诉转县中心办理',
          description: '需 Idempotency-Key。返回投诉编号与查询码。',
          body: TranscribeBody,
          response: { 201: FiledComplaintView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('complaint.handle'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => transcribeComplaint(tx, actor, request.body, now)));
      },
    );

    app.get(
      '/api/complaint-settings',
      {
        schema: {
          tags,
          summary: '投诉答复时限（工作日；未设置时为 15 个工作日）',
          querystring: ComplaintSettingsQuery,
          response: { 200: ComplaintSettingsView, ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('complaint.handle'));
        return readInScope(ctx, actor, (tx) => settingsOf(tx, actor, request.query.orgId ?? actor.orgId));
      },
    );

    app.put(
      '/api/complaint-settings',
      {
        schema: {
          tags,
          summary: '设置投诉答复时限（1–60 个工作日，对此后受理的投诉生效）',
          description: '带当前 version（未设置过为 0）；版本过期返回 409。需 Idempotency-Key。',
          body: ComplaintSettingsBody,
          response: { 200: ComplaintSettingsView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('complaint.handle'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => saveSettings(tx, actor, request.body.orgId ?? actor.orgId, request.body, now)),
        );
      },
    );

    for (const act of ['accept', 'refuse', 'investigate', 'answer', 'archive'] as const) {
      const spec = ACT_BODIES[act];
      app.post(
        `/api/complaints/:id/${act}`,
        {
          schema: {
            tags,
            summary: spec.summary,
            description: '带投诉的当前 version；版本过期返回 409，当前阶段或角色不允许返回 409 并列出可做的操作。需 Idempotency-Key。',
            params: IdParams,
            body: spec.body,
            response: { 200: ComplaintView, ...problemResponses },
          },
        },
        async (request, reply) => {
          requireStaff(request, ...rolesFor('complaint.read'));
          const input = { ...(request.body as object), act } as ActInput;
          sendChange(reply, await runChange(ctx, request, (tx, actor, now) => actOnComplaint(tx, actor, request.params.id, input, now)));
        },
      );
    }
  };
}
