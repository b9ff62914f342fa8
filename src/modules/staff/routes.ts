import { z } from 'zod';
import { runChange, sendChange } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import { staffBackupRoutes } from './backup-routes.ts';
import type { StaffDeps } from './ports.ts';
import { CreateStaffBody, EmptyBody, ResetPasswordBody, RevealBody, StaffQuery, StaffView, UpdateStaffBody } from './schemas.ts';
import * as service from './service.ts';

const StaffResponse = { 200: z.object({ staff: StaffView }), ...problemResponses };

export function staffRoutes(ctx: AppContext, deps: StaffDeps): RoutesPlugin {
  return async (app) => {
    const tags = ['staff'];
    await app.register(staffBackupRoutes(ctx));

    app.get(
      '/api/staff',
      {
        schema: {
          tags,
          summary: '工作人员列表（手机号已脱敏）',
          querystring: StaffQuery,
          response: { 200: z.object({ staff: z.array(StaffView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('staff.read'));
        const now = ctx.clock.now();
        return { staff: await readInScope(ctx, actor, (tx) => service.listStaff(tx, actor, request.query.orgId, request.query.q, now)) };
      },
    );

    app.get('/api/staff/:id', { schema: { tags, summary: '工作人员详情', params: IdParams, response: StaffResponse } }, async (request) => {
      const actor = requireStaff(request, ...rolesFor('staff.read'));
      const { orgKind: _orgKind, ...staff } = await readInScope(ctx, actor, (tx) =>
        service.getStaff(tx, actor, request.params.id, ctx.clock.now()),
      );
      return { staff };
    });

    app.post(
      '/api/staff',
      {
        schema: {
          tags,
          summary: '新建工作人员（首次登录须改密码）',
          body: CreateStaffBody,
          response: { 201: z.object({ staff: StaffView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('staff.manage'));
        const passwordHash = await deps.prepareNewPassword(ctx, request.body.password, request.body.username);
        const result = await runChange(ctx, request, (tx, actor, now) => service.createStaff(tx, actor, request.body, passwordHash, now));
        sendChange(reply, result);
      },
    );

    app.patch(
      '/api/staff/:id',
      { schema: { tags, summary: '修改工作人员', params: IdParams, body: UpdateStaffBody, response: StaffResponse } },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('staff.manage'));
        const result = await runChange(ctx, request, (tx, actor, now) =>
          service.updateStaff(tx, actor, request.params.id, request.body, now),
        );
        sendChange(reply, result);
      },
    );

    app.post(
      '/api/staff/:id/reset-password',
      { schema: { tags, summary: '重置密码（结束其全部会话）', params: IdParams, body: ResetPasswordBody, response: StaffResponse } },
      async (request, reply) => {
        const manager = requireStaff(request, ...rolesFor('staff.manage'));
        const target = await readInScope(ctx, manager, (tx) => service.getStaff(tx, manager, request.params.id, ctx.clock.now()));
        const passwordHash = await deps.prepareNewPassword(ctx, request.body.newPassword, target.username);
        const result = await runChange(ctx, request, (tx, actor, now) =>
          service.resetPassword(tx, actor, request.params.id, passwordHash, now, deps),
        );
        sendChange(reply, result);
      },
    );

    app.post(
      '/api/staff/:id/reveal',
      {
        schema: {
          tags,
          summary: '查看完整手机号（须说明理由，记入审计）',
          params: IdParams,
          body: RevealBody,
          response: { 200: z.object({ phone: z.string() }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('staff.manage'));
        const result = await runChange(ctx, request, (tx, actor, now) =>
          service.revealPhone(tx, actor, request.params.id, request.body.reason, now),
        );
        sendChange(reply, result);
      },
    );

    for (const act of ['disable', 'enable', 'unlock'] as const) {
      const summaries = { disable: '停用账户（立即结束其会话）', enable: '启用账户', unlock: '解除登录锁定' };
      app.post(
        `/api/staff/:id/${act}`,
        { schema: { tags, summary: summaries[act], params: IdParams, body: EmptyBody, response: StaffResponse } },
        async (request, reply) => {
          requireStaff(request, ...rolesFor('staff.manage'));
          const result = await runChange(ctx, request, (tx, actor, now) =>
            service.applyAdminAct(tx, actor, request.params.id, act, now, deps),
          );
          sendChange(reply, result);
        },
      );
    }
  };
}
