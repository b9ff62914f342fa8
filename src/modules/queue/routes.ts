import { z } from 'zod';
import { runChange, sendChange } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import * as calling from './calling.ts';
import * as pads from './pads.ts';
import { appointmentRoutes } from './appointments/routes.ts';
import { figureRoutes } from './figures/routes.ts';
import { publicQueueRoutes } from './public-routes.ts';
import {
  ApplicantView,
  CallNextView,
  CategoryView,
  CreateCategoryBody,
  CreateDeviceBody,
  DeviceListQuery,
  DeviceParams,
  DeviceView,
  FinishBody,
  HallWindowView,
  IssueTicketBody,
  PauseBody,
  RatingQuery,
  RatingView,
  RevokeDeviceBody,
  SettingsQuery,
  SettingsView,
  TicketListQuery,
  TicketParams,
  TicketView,
  TransferBody,
  UpdateCategoryBody,
  UpdateSettingsBody,
  WindowParams,
} from './schemas.ts';
import * as service from './service.ts';
import * as tickets from './tickets.ts';

const tags = ['queue'];
const TicketAnswer = z.object({ ticket: TicketView });
const WindowAnswer = z.object({ window: HallWindowView });

/** 取号叫号 for staff: hall setup, the clerk's calling panel, rating pads; the public hall pages in public-routes.ts. */
export function queueRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    await app.register(publicQueueRoutes(ctx));
    await app.register(figureRoutes(ctx));
    await app.register(appointmentRoutes(ctx));

    app.get(
      '/api/queue/settings',
      {
        schema: {
          tags,
          summary: '大厅设置：优先规则、过号、无声叫号、预约（中心）',
          querystring: SettingsQuery,
          response: { 200: z.object({ settings: SettingsView }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('queue.read'));
        return { settings: await readInScope(ctx, actor, (tx) => service.settingsOf(tx, actor, request.query.orgId)) };
      },
    );
    app.put(
      '/api/queue/settings',
      {
        schema: {
          tags,
          summary: '保存大厅设置（带 version；首次为 0）',
          body: UpdateSettingsBody,
          response: { 200: z.object({ settings: SettingsView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.manage'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => service.saveSettings(tx, actor, request.body, now)));
      },
    );
    app.get(
      '/api/queue/categories',
      {
        schema: {
          tags,
          summary: '业务类别（含停用）及办理窗口',
          querystring: SettingsQuery,
          response: { 200: z.object({ categories: z.array(CategoryView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('queue.read'));
        return { categories: await readInScope(ctx, actor, (tx) => service.listCategoriesFor(tx, actor, request.query.orgId)) };
      },
    );
    app.post(
      '/api/queue/categories',
      {
        schema: {
          tags,
          summary: '新增业务类别（号段字母、办理窗口）',
          body: CreateCategoryBody,
          response: { 201: z.object({ category: CategoryView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.manage'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => service.createCategory(tx, actor, request.body, now)));
      },
    );
    app.patch(
      '/api/queue/categories/:id',
      {
        schema: {
          tags,
          summary: '修改业务类别（带 version）',
          params: IdParams,
          body: UpdateCategoryBody,
          response: { 200: z.object({ category: CategoryView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.manage'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => service.updateCategory(tx, actor, request.params.id, request.body, now)),
        );
      },
    );

    app.get(
      '/api/queue/windows',
      {
        schema: {
          tags,
          summary: '叫号面板：中心的窗口及其状态，mine 为本人登录或分配的窗口',
          querystring: SettingsQuery,
          response: { 200: z.object({ mine: z.string().nullable(), windows: z.array(HallWindowView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('queue.read'));
        return readInScope(ctx, actor, (tx) => calling.listHallWindowsFor(tx, actor, request.query.orgId));
      },
    );
    app.get(
      '/api/queue/windows/:windowId',
      { schema: { tags, summary: '窗口状态与当前号票', params: WindowParams, response: { 200: WindowAnswer, ...problemResponses } } },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('queue.read'));
        return { window: await readInScope(ctx, actor, (tx) => calling.hallWindowView(tx, actor, request.params.windowId)) };
      },
    );
    const windowAct = (
      path: string,
      summary: string,
      act: (
        tx: Parameters<typeof calling.openWindow>[0],
        actor: Parameters<typeof calling.openWindow>[1],
        windowId: string,
        now: Date,
      ) => ReturnType<typeof calling.openWindow>,
    ) =>
      app.post(
        `/api/queue/windows/:windowId/${path}`,
        { schema: { tags, summary, params: WindowParams, response: { 200: WindowAnswer, ...problemResponses } } },
        async (request, reply) => {
          requireStaff(request, ...rolesFor('queue.call'));
          sendChange(reply, await runChange(ctx, request, (tx, actor, now) => act(tx, actor, request.params.windowId, now)));
        },
      );
    windowAct('open', '登录窗口（离开本人原登录的窗口）', calling.openWindow);
    windowAct('close', '退出窗口', calling.closeWindow);
    windowAct('resume', '恢复服务', (tx, actor, windowId, now) => calling.pauseWindow(tx, actor, windowId, null, now));
    app.post(
      '/api/queue/windows/:windowId/pause',
      {
        schema: {
          tags,
          summary: '暂停服务（原因显示在窗口屏）',
          params: WindowParams,
          body: PauseBody,
          response: { 200: WindowAnswer, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.call'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) =>
            calling.pauseWindow(tx, actor, request.params.windowId, request.body.reason, now),
          ),
        );
      },
    );
    app.post(
      '/api/queue/windows/:windowId/call-next',
      {
        schema: {
          tags,
          summary: '叫下一位（公平优先规则；无人等候时 ticket 为 null）',
          description:
            '本人分配的窗口在首次叫号时自动登录；其他窗口须先 open。两个窗口（含多个服务器进程）不会叫到同一张号票（FOR UPDATE SKIP LOCKED）。',
          params: WindowParams,
          response: { 200: CallNextView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.call'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => calling.callNext(tx, actor, request.params.windowId, now)));
      },
    );

    app.post(
      '/api/queue/tickets',
      {
        schema: {
          tags,
          summary: '导办取号：为现场群众取号（可按证件给予优先）',
          body: IssueTicketBody,
          response: { 201: TicketAnswer, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.call'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => tickets.issueTicket(tx, actor, request.body, now)));
      },
    );
    app.get(
      '/api/queue/tickets',
      {
        schema: {
          tags,
          summary: '中心今日号票（新到旧）',
          querystring: TicketListQuery,
          response: { 200: z.object({ tickets: z.array(TicketView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('queue.read'));
        return { tickets: await readInScope(ctx, actor, (tx) => tickets.listTickets(tx, actor, request.query, ctx.clock.now())) };
      },
    );
    app.get(
      '/api/queue/tickets/:id',
      { schema: { tags, summary: '号票', params: TicketParams, response: { 200: TicketAnswer, ...problemResponses } } },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('queue.read'));
        return { ticket: await readInScope(ctx, actor, (tx) => tickets.ticketViewOf(tx, request.params.id, actor)) };
      },
    );
    const ticketAct = (
      path: string,
      summary: string,
      act: (
        tx: Parameters<typeof calling.recall>[0],
        actor: Parameters<typeof calling.recall>[1],
        id: string,
        now: Date,
      ) => ReturnType<typeof calling.recall>,
    ) =>
      app.post(
        `/api/queue/tickets/:id/${path}`,
        { schema: { tags, summary, params: TicketParams, response: { 200: TicketAnswer, ...problemResponses } } },
        async (request, reply) => {
          requireStaff(request, ...rolesFor('queue.call'));
          sendChange(reply, await runChange(ctx, request, (tx, actor, now) => act(tx, actor, request.params.id, now)));
        },
      );
    ticketAct('recall', '重呼', calling.recall);
    ticketAct('start', '开始办理', calling.start);
    ticketAct('no-show', '过号', calling.markNoShow);
    ticketAct('rejoin', '过号重新排队', calling.rejoinByStaff);
    app.post(
      '/api/queue/tickets/:id/transfer',
      {
        schema: {
          tags,
          summary: '转移到其他业务类别或窗口',
          params: TicketParams,
          body: TransferBody,
          response: { 200: TicketAnswer, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.call'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => calling.transfer(tx, actor, request.params.id, request.body, now)),
        );
      },
    );
    app.post(
      '/api/queue/tickets/:id/finish',
      {
        schema: {
          tags,
          summary: '办结：关联办件（新开或已有）、登记咨询，或直接结束',
          params: TicketParams,
          body: FinishBody,
          response: { 200: TicketAnswer, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.call'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => calling.finish(tx, actor, request.params.id, request.body, now)),
        );
      },
    );
    app.post(
      '/api/queue/tickets/:id/applicant',
      {
        schema: {
          tags,
          summary: '本窗口当前号票的申请人完整信息（开办件时预填；留痕）',
          params: TicketParams,
          response: { 200: ApplicantView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.call'));
        sendChange(reply, await runChange(ctx, request, (tx, actor) => calling.revealApplicant(tx, actor, request.params.id)));
      },
    );

    app.get(
      '/api/queue/devices',
      {
        schema: {
          tags,
          summary: '评价器',
          querystring: DeviceListQuery,
          response: { 200: z.object({ devices: z.array(DeviceView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('queue.manage'));
        return { devices: await readInScope(ctx, actor, (tx) => pads.listDevicesOf(tx, actor, request.query.orgId)) };
      },
    );
    app.post(
      '/api/queue/devices',
      {
        schema: {
          tags,
          summary: '新增评价器：得到 8 位配对码（30 分钟内在评价器上输入，仅显示一次）',
          body: CreateDeviceBody,
          response: { 201: z.object({ device: DeviceView, pairingCode: z.string() }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.manage'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => pads.createDevice(tx, actor, request.body, now)));
      },
    );
    app.post(
      '/api/queue/devices/:id/revoke',
      {
        schema: {
          tags,
          summary: '停用评价器',
          params: DeviceParams,
          body: RevokeDeviceBody,
          response: { 200: z.object({ device: DeviceView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('queue.manage'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => pads.revokeDevice(tx, actor, request.params.id, request.body.version, now)),
        );
      },
    );
    app.get(
      '/api/queue/ratings',
      {
        schema: {
          tags,
          summary: '办件的窗口评价（评价器上群众本人所评）',
          querystring: RatingQuery,
          response: { 200: z.object({ ratings: z.array(RatingView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('case.read'));
        return { ratings: await readInScope(ctx, actor, (tx) => pads.ratingsOfCase(tx, actor, request.query.caseId)) };
      },
    );
  };
}
