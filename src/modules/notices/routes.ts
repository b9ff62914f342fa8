import { z } from 'zod';
import type { AppContext } from '../../kernel/context.ts';
import { problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { listNotices } from './repo.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';

const NoticeView = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  recipient: z.string(),
  message: z.string(),
  channel: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});

export function noticeRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    app.get(
      '/api/notices',
      {
        schema: {
          tags: ['notices'],
          summary: '发给申请人的通知（受理、补正、办结、延期）及其发送状态',
          querystring: z.strictObject({ caseId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: { 200: z.object({ notices: z.array(NoticeView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('case.read'));
        return {
          notices: await readInScope(ctx, actor, (tx) => listNotices(tx, actor.scopeOrgIds, request.query.caseId, request.query.limit)),
        };
      },
    );
  };
}
