import type { AppContext } from '../../kernel/context.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import { problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { TodoView } from './schemas.ts';
import { todoOf } from './service.ts';

export function todoRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    app.get(
      '/api/todo',
      {
        schema: {
          tags: ['todo'],
          summary: '待办：按角色列出要做的事（数量、前几项和已筛选好的列表）',
          description:
            '窗口人员：本人已超期、即将到期的办件，待受理的办件，待接收的代办件；中心主任：本中心的同类事项（含经办人）和延期申请；电子监察：红牌、黄牌办件。',
          response: { 200: TodoView, ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('case.read'));
        return readInScope(ctx, actor, (tx) => todoOf(tx, actor, ctx.clock.now()));
      },
    );
  };
}
