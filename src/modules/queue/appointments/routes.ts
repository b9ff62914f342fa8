import { z } from 'zod';
import { runChange, sendChange } from '../../../kernel/change.ts';
import type { AppContext } from '../../../kernel/context.ts';
import { rolesFor } from '../../../kernel/permissions.rules.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../../kernel/scope.ts';
import { publicAppointmentRoutes } from './public-routes.ts';
import {
  AppointmentView,
  CreateSessionBody,
  RemoveSessionBody,
  ScheduleQuery,
  ScheduleView,
  SessionQuery,
  AssigneeView,
  SessionView,
  StaffBookBody,
} from './schemas.ts';
import * as staff from './staff.ts';

const tags = ['queue'];

/** 预约 in the console: sessions (director), the day's schedule, 电话预约 and 上门服务 (staff). */
export function appointmentRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    await app.register(publicAppointmentRoutes(ctx));

    app.get(
      '/api/queue/appointment-sessions',
      {
        schema: {
          tags,
          summary: '延时服务与非工作日预约时段（中心）',
          querystring: SessionQuery,
          response: { 200: z.object({ sessions: z.array(SessionView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('queue.read'));
        return { sessions: await readInScope(ctx, actor, (tx) => staff.listSessionsFor(tx, actor, request.query.orgId)) };
      },
    );
    app.post(
      '/api/queue/appointment-sessions',
      {
        schema: {
          tags,
          summary: '开放延时服务（午休、晚间）或非工作日预约时段',
          body: CreateSessionBody,
          response: { 201: z.object({ session: SessionView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.manage'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => staff.createSession(tx, actor, request.body, now)));
      },
    );
    app.post(
      '/api/queue/appointment-sessions/:id/remove',
      {
        schema: {
          tags,
          summary: '撤销一个预约时段设置（已约的保留）',
          params: IdParams,
          body: RemoveSessionBody,
          response: { 200: z.object({ removed: z.literal(true) }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.manage'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => staff.removeSession(tx, actor, request.params.id, request.body.version, now)),
        );
      },
    );
    app.get(
      '/api/queue/appointments',
      {
        schema: {
          tags,
          summary: '某日的预约时段余量与预约名单',
          querystring: ScheduleQuery,
          response: { 200: ScheduleView, ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('queue.read'));
        return readInScope(ctx, actor, (tx) => staff.scheduleOf(tx, actor, request.query.orgId, request.query.date));
      },
    );
    app.get(
      '/api/queue/appointment-assignees',
      {
        schema: {
          tags,
          summary: '上门服务可指派的人员（本中心工作人员、所辖村代办员）',
          querystring: SessionQuery,
          response: { 200: z.object({ assignees: z.array(AssigneeView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('queue.call'));
        return { assignees: await readInScope(ctx, actor, (tx) => staff.listAssignees(tx, actor, request.query.orgId)) };
      },
    );

    app.post(
      '/api/queue/appointments',
      {
        schema: {
          tags,
          summary: '电话预约或上门服务（工作人员代约）',
          body: StaffBookBody,
          response: { 201: z.object({ appointment: AppointmentView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.call'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => staff.staffBook(tx, actor, request.body, now)));
      },
    );
  };
}
