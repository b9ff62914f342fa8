import type { AppContext } from '../../../kernel/context.ts';
import { rolesFor } from '../../../kernel/permissions.rules.ts';
import { problemResponses, type RoutesPlugin } from '../../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../../kernel/scope.ts';
import { businessDateOf } from '../../../shared/business-date.ts';
import { FiguresQuery, FiguresView } from './schemas.ts';
import { hallFigures } from './service.ts';
import { figureTasks } from './workbook.ts';

/** 大厅统计: the figures as JSON for the console's charts, and as a workbook. */
export function figureRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const tags = ['queue'];
    app.get(
      '/api/queue/figures',
      {
        schema: {
          tags,
          summary: '大厅统计：取号、等候与办理时间、过号率、办件、评价（按日、时段、类别、窗口、人员；来自小时汇总）',
          querystring: FiguresQuery,
          response: { 200: FiguresView, ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('queue.read'));
        return readInScope(ctx, actor, (tx) => hallFigures(tx, actor, request.query, businessDateOf(ctx.clock.now())));
      },
    );
    app.get(
      '/api/queue/figures.xlsx',
      {
        schema: { tags, summary: '大厅统计导出（.xlsx：按日、时段、类别、窗口、人员）', querystring: FiguresQuery },
      },
      async (request, reply) => {
        const actor = requireStaff(request, ...rolesFor('queue.read'));
        const figures = await readInScope(ctx, actor, (tx) => hallFigures(tx, actor, request.query, businessDateOf(ctx.clock.now())));
        const body = await ctx.heavy.run(figureTasks.hallFiguresWorkbook, figures.orgName, figures);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="hall-figures-${figures.from}-${figures.to}.xlsx"`)
          .send(body);
      },
    );
  };
}
