import { z } from 'zod';
import { runChange, runPublicChange, sendChange } from '../../kernel/change.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import type { AppContext } from '../../kernel/context.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { findRatedCase, publicRatingStatus, rateTheFix } from './public.ts';
import { rectificationRoutes } from './rectifications/routes.ts';
import {
  CaseNoParams,
  PublicRatingBody,
  PublicRatingQuery,
  PublicRatingStatusView,
  RaterView,
  RaterViewBody,
  RatingListQuery,
  RatingListView,
  RevealBody,
} from './schemas.ts';
import { listRatingsOf, rateCase, revealRater } from './service.ts';

const PUBLIC_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** 好差评: the public rating of a concluded case, the staff list, the supervisor's audited reveal; the 差评 loop. */
export function ratingRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const tags = ['ratings'];
    const citizen = (orgId: string) => ({ orgId, principalKey: 'public', actorName: '群众（办件评价）', actorRole: 'public' as const });

    app.post(
      '/api/public/ratings',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '群众评价办件（一事一评；办结后；凭办件编号和手机号后 4 位）',
          description:
            'level 1 非常满意 … 5 非常不满意；4、5 为差评，自动生成整改事项。同一办件再次评价返回 409；校验码错误与办件不存在同样返回 404。需 Idempotency-Key。',
          body: PublicRatingBody,
          response: { 201: z.object({ id: z.string() }), ...problemResponses },
        },
      },
      async (request, reply) => {
        const found = await findRatedCase(ctx.db, request.body.caseNo, request.body.check);
        sendChange(reply, await runPublicChange(ctx, request, citizen(found.orgId), (tx, now) => rateCase(tx, found, request.body, now)));
      },
    );

    app.get(
      '/api/public/ratings/:caseNo',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '办件的评价情况（能否评价、已给的评价、差评的整改答复）',
          params: CaseNoParams,
          querystring: PublicRatingQuery,
          response: { 200: PublicRatingStatusView, ...problemResponses },
        },
      },
      async (request) => {
        const found = await findRatedCase(ctx.db, request.params.caseNo, request.query.check);
        return ctx.db.transaction({ kind: 'orgs', orgIds: [found.orgId] }, (tx) => publicRatingStatus(tx, found));
      },
    );

    app.post(
      '/api/public/ratings/:caseNo/rater-view',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '评价人对差评整改答复的评价（满意 / 基本满意 / 不满意）',
          description: '仅在单位已反馈答复后可提交一次。需 Idempotency-Key。',
          params: CaseNoParams,
          body: RaterViewBody,
          response: { 200: PublicRatingStatusView, ...problemResponses },
        },
      },
      async (request, reply) => {
        const found = await findRatedCase(ctx.db, request.params.caseNo, request.body.check);
        sendChange(
          reply,
          await runPublicChange(ctx, request, citizen(found.orgId), (tx, now) => rateTheFix(tx, found, request.body.view, now)),
        );
      },
    );

    app.get(
      '/api/ratings',
      {
        schema: {
          tags,
          summary: '好差评列表（某服务中心某月；不含评价人身份）',
          querystring: RatingListQuery,
          response: { 200: RatingListView, ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('rating.read'));
        return readInScope(ctx, actor, (tx) => listRatingsOf(tx, actor, request.query));
      },
    );

    app.post(
      '/api/ratings/:id/reveal',
      {
        schema: {
          tags,
          summary: '查看评价人身份（仅监察人员，须说明理由，每次记入审计日志）',
          params: IdParams,
          body: RevealBody,
          response: { 200: RaterView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('rating.reveal'));
        sendChange(reply, await runChange(ctx, request, (tx, actor) => revealRater(tx, actor, request.params.id, request.body.reason)));
      },
    );

    await app.register(rectificationRoutes(ctx));
  };
}
