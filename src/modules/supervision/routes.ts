import type { AppContext } from '../../kernel/context.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import { problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { OverviewQuery, OverviewView } from './schemas.ts';
import { supervisionOverview } from './service.ts';

/** 电子监察: the overview the screen (电子监察大屏) polls. */
export function supervisionRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    app.get(
      '/api/supervision/overview',
      {
        schema: {
          tags: ['supervision'],
          summary:
            '电子监察总览：今日与本月办件（来自办件汇总）、按时办结率、未办结件的预警/黄牌/红牌（按乡镇、部门、事项、经办人）、大厅等候人数',
          querystring: OverviewQuery,
          response: { 200: OverviewView, ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('supervision.read'));
        return readInScope(ctx, actor, (tx) => supervisionOverview(tx, actor, request.query, businessDateOf(ctx.clock.now())));
      },
    );
  };
}
