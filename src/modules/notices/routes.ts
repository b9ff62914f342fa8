import { z } from 'zod';
import type { AppContext } from '../../kernel/context.ts';
import { problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { NoticeQuery, NoticeView } from './schemas.ts';
import { listNoticesInScope } from './service.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';

export function noticeRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    app.get(
      '/api/notices',
      {
        schema: {
          tags: ['notices'],
          summary: '发给申请人的通知（受理、补正、办结、延期）及其发送状态',
          querystring: NoticeQuery,
          response: { 200: z.object({ notices: z.array(NoticeView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('case.read'));
        return { notices: await readInScope(ctx, actor, (tx) => listNoticesInScope(tx, actor, request.query)) };
      },
    );
  };
}
