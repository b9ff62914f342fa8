import type { AppContext } from '../../../kernel/context.ts';
import { rolesFor } from '../../../kernel/permissions.rules.ts';
import { problemResponses, type RoutesPlugin } from '../../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../../kernel/scope.ts';
import { CaseListPage, CaseListQuery } from './schemas.ts';
import { listCases } from './service.ts';

/** 办件列表: search, filters, two sorts and keyset pages over the caller's scope. */
export function caseListRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    app.get(
      '/api/cases',
      {
        schema: {
          tags: ['cases'],
          summary: '办件列表（搜索、筛选、按期限或接件时间排序、分页）',
          description:
            '默认按期限排序：未办结的在前，期限近的在前。翻页用上一页返回的 nextCursor（游标分页，新接的办件不会使已读的页重复或遗漏）。q 匹配办件编号（完整或至少 5 位前缀）、申请人姓名（完整或前缀）、证件号码或手机号后 4 位。',
          querystring: CaseListQuery,
          response: { 200: CaseListPage, ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('case.read'));
        return readInScope(ctx, actor, (tx) => listCases(tx, actor, request.query, ctx.clock.now()));
      },
    );
  };
}
