import type { FastifyRequest } from 'fastify';
import { PUBLIC_SCOPE } from '../../db/db.ts';
import { runPublicChange, sendChange, type PublicActor } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { findOrg, findOrgByCode } from '../org/index.ts';
import { countWrongPhoneCode, issuePhoneCode, PHONE_CODE_WRONG } from '../queue/index.ts';
import { DomainError } from '../../shared/errors.ts';
import { maskPhone } from '../../shared/identity.ts';
import { complaintErrors } from './errors.ts';
import {
  ComplaintCodeBody,
  ComplaintRateBody,
  ComplaintTrackView,
  FiledComplaintView,
  PublicComplaintBody,
  SentCodeView,
  TrackParams,
} from './schemas.ts';
import { filePublicComplaint } from './service.ts';
import { rateAnswer, toTrackView, trackByCode } from './tracking.ts';

const tags = ['complaints (public)'];
const READ_LIMIT = { rateLimit: { max: 120, timeWindow: '1 minute' } };
const CHANGE_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };

type Center = { id: string; code: string; name: string; kind: string; parentId: string | null };
const citizen = (orgId: string): PublicActor => ({ orgId, principalKey: 'public', actorName: '群众（网上投诉）', actorRole: 'public' });

/** 投诉·举报 without signing in: the SMS code, filing, the lookup by 查询码 and the rating of the answer. */
export function complaintPublicRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const centerOf = async (code: string): Promise<Center> => {
      const org = await ctx.db.transaction(PUBLIC_SCOPE, (tx) => (/^\d{12}$/.test(code) ? findOrgByCode(tx, code) : findOrg(tx, code)));
      if (!org || org.kind === 'village' || org.status !== 'active') {
        throw new DomainError(complaintErrors.COMPLAINT_ORG_NOT_FOUND, `没有区划代码为 ${code} 的服务中心，请重新选择。`);
      }
      return org;
    };

    app.post(
      '/api/public/complaints/codes',
      {
        config: CHANGE_LIMIT,
        schema: {
          tags,
          summary: '实名投诉第一步：向手机发送短信验证码（6 位，10 分钟内有效）',
          description: '同一手机号 60 秒内只能获取一次，一小时最多 5 次。须带 Idempotency-Key。',
          body: ComplaintCodeBody,
          response: { 201: SentCodeView, ...problemResponses },
        },
      },
      async (request, reply) => {
        const center = await centerOf(request.body.org);
        sendChange(
          reply,
          await runPublicChange(ctx, request, citizen(center.id), async (tx, now) => ({
            status: 201,
            body: await issuePhoneCode(tx, center, request.body.phone, '投诉', now),
            audit: {
              action: 'complaint.code',
              targetType: 'org',
              targetId: center.id,
              orgId: center.id,
              summary: { phone: maskPhone(request.body.phone) },
            },
          })),
        );
      },
    );

    app.post(
      '/api/public/complaints',
      {
        config: CHANGE_LIMIT,
        schema: {
          tags,
          summary: '网上投诉·举报·办不成事反映（匿名，或实名：带手机号和短信验证码）',
          description: '返回投诉编号和 10 位查询码，凭查询码查看进度和答复。须带 Idempotency-Key。',
          body: PublicComplaintBody,
          response: { 201: FiledComplaintView, ...problemResponses },
        },
      },
      async (request: FastifyRequest<{ Body: PublicComplaintBody }>, reply) => {
        const body = request.body;
        const center = await centerOf(body.org);
        try {
          sendChange(
            reply,
            await runPublicChange(ctx, request, citizen(center.id), (tx, now) => filePublicComplaint(tx, center, body, now)),
          );
        } catch (error) {
          // A wrong code is counted in a transaction of its own: the refused request rolled back.
          if (error instanceof DomainError && error.extra.reason === PHONE_CODE_WRONG && body.phone !== undefined) {
            const phone = body.phone;
            await ctx.db.transaction({ kind: 'orgs', orgIds: [center.id] }, (tx) => countWrongPhoneCode(tx, center.id, phone));
          }
          throw error;
        }
      },
    );

    app.get(
      '/api/public/complaints/:trackingCode',
      {
        config: READ_LIMIT,
        schema: {
          tags,
          summary: '凭查询码查看投诉的办理阶段和答复（不含工作人员信息）',
          params: TrackParams,
          response: { 200: ComplaintTrackView, ...problemResponses },
        },
      },
      async (request) => {
        const code = request.params.trackingCode;
        return toTrackView(await ctx.db.transaction(PUBLIC_SCOPE, (tx) => trackByCode(tx, code)), code);
      },
    );

    app.post(
      '/api/public/complaints/:trackingCode/rating',
      {
        config: CHANGE_LIMIT,
        schema: {
          tags,
          summary: '实名投诉人评价答复（满意 / 基本满意 / 不满意，一次）',
          description: '须带 Idempotency-Key。',
          params: TrackParams,
          body: ComplaintRateBody,
          response: { 200: ComplaintTrackView, ...problemResponses },
        },
      },
      async (request, reply) => {
        const code = request.params.trackingCode;
        const tracked = await ctx.db.transaction(PUBLIC_SCOPE, (tx) => trackByCode(tx, code));
        sendChange(
          reply,
          await runPublicChange(ctx, request, citizen(tracked.orgId), (tx, now) => rateAnswer(tx, tracked, code, request.body.rating, now)),
        );
      },
    );
  };
}
