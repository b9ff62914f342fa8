import { z } from 'zod';
import { runChange, sendChange } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import * as backup from './backup-service.ts';
import { AbsenceParams, AbsenceView, CreateAbsenceBody, EmptyBody, SetBackupBody, StaffView } from './schemas.ts';

const StaffResponse = { 200: z.object({ staff: StaffView }), ...problemResponses };
const SELF_OR_MANAGER = '本人可登记自己的离岗和返岗；为他人登记须为中心主任或县中心管理员。需 Idempotency-Key。';

/** AB岗互补: the B post of each person, and absences (离岗) during which the B post covers. */
export function staffBackupRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const tags = ['staff'];

    app.post(
      '/api/staff/:id/backup',
      {
        schema: {
          tags,
          summary: '设置B岗（AB岗互补）',
          description: 'B岗须为同一机构在岗的工作人员，不能是本人；backupId 为 null 时取消。带当前 version，需 Idempotency-Key。',
          params: IdParams,
          body: SetBackupBody,
          response: StaffResponse,
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('staff.manage'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => backup.setBackup(tx, actor, request.params.id, request.body, now)),
        );
      },
    );

    app.get(
      '/api/staff/:id/absences',
      {
        schema: {
          tags,
          summary: '离岗记录（未结束的和近 90 天的）',
          params: IdParams,
          response: { 200: z.object({ absences: z.array(AbsenceView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request);
        return { absences: await readInScope(ctx, actor, (tx) => backup.listAbsences(tx, actor, request.params.id, ctx.clock.now())) };
      },
    );

    app.post(
      '/api/staff/:id/absences',
      {
        schema: {
          tags,
          summary: '登记离岗（请假、会议、培训）：期间其未办结办件由B岗代办',
          description: `日期为 YYYY-MM-DD（北京时间），起止均含当天；结束日期过后自动视为在岗。${SELF_OR_MANAGER}`,
          params: IdParams,
          body: CreateAbsenceBody,
          response: { 201: z.object({ staff: StaffView, absence: AbsenceView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request);
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => backup.markAbsent(tx, actor, request.params.id, request.body, now)),
        );
      },
    );

    app.post(
      '/api/staff/:id/return',
      {
        schema: {
          tags,
          summary: '登记返岗：其办件即时退出B岗的待办',
          description: SELF_OR_MANAGER,
          params: IdParams,
          body: EmptyBody,
          response: StaffResponse,
        },
      },
      async (request, reply) => {
        requireStaff(request);
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => backup.markReturned(tx, actor, request.params.id, now)));
      },
    );

    app.post(
      '/api/staff/:id/absences/:absenceId/cancel',
      {
        schema: {
          tags,
          summary: '取消尚未结束的离岗登记',
          description: SELF_OR_MANAGER,
          params: AbsenceParams,
          body: EmptyBody,
          response: StaffResponse,
        },
      },
      async (request, reply) => {
        requireStaff(request);
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) =>
            backup.cancelAbsence(tx, actor, request.params.id, request.params.absenceId, now),
          ),
        );
      },
    );
  };
}
