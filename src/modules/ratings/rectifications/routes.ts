import { z } from 'zod';
import { runChange, sendChange } from '../../../kernel/change.ts';
import { rolesFor } from '../../../kernel/permissions.rules.ts';
import type { AppContext } from '../../../kernel/context.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../../kernel/scope.ts';
import * as repo from './repo.ts';
import { RectificationActBody, RectificationListQuery, RectificationView } from './schemas.ts';
import { actOnRectification, loadInScope, toRectificationViews } from './service.ts';

/** 差评整改: the caller's org subtree's items, one item, and its acts. */
export function rectificationRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const tags = ['ratings'];

    app.get(
      '/api/rectifications',
      {
        schema: {
          tags,
          summary: '差评整改事项（默认只列未办结的，按当前环节到期日排序；含预警等级）',
          querystring: RectificationListQuery,
          response: { 200: z.object({ rectifications: z.array(RectificationView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('rating.read'));
        const now = ctx.clock.now();
        return readInScope(ctx, actor, async (tx) => ({
          rectifications: await toRectificationViews(
            tx,
            await repo.listRectifications(tx, actor.scopeOrgIds, request.query.status),
            actor,
            now,
          ),
        }));
      },
    );

    app.get(
      '/api/rectifications/:id',
      {
        schema: { tags, summary: '差评整改事项详情', params: IdParams, response: { 200: RectificationView, ...problemResponses } },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('rating.read'));
        const now = ctx.clock.now();
        return readInScope(ctx, actor, async (tx) => {
          const [view] = await toRectificationViews(tx, [await loadInScope(tx, actor, request.params.id)], actor, now);
          if (!view) throw new Error('no view');
          return view;
        });
      },
    );

    app.post(
      '/api/rectifications/:id/acts',
      {
        schema: {
          tags,
          summary: '差评整改操作：核实、分类、申诉复核决定、整改完成、反馈、记录评价人评价、回访',
          description: '只能进行当前环节等待的操作（allowedActs）；带当前 version，过期返回 409。需 Idempotency-Key。',
          params: IdParams,
          body: RectificationActBody,
          response: { 200: RectificationView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('rectification.act'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => actOnRectification(tx, actor, request.params.id, request.body, now)),
        );
      },
    );
  };
}
