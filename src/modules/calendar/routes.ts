import { z } from 'zod';
import { PUBLIC_SCOPE } from '../../db/db.ts';
import { runChange, sendChange } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import {
  CreateOverrideBody,
  DaysQuery,
  DaysView,
  DeadlineQuery,
  DeadlineView,
  IcsParams,
  NationalYearBody,
  NationalYearView,
  OverrideQuery,
  OverrideView,
  RemoveOverrideQuery,
  ServerTimeView,
} from './schemas.ts';
import * as service from './service.ts';

/** Public lookups are cheap (cached calendars) but still limited per client. */
const PUBLIC_LIMIT = { rateLimit: { max: 600, timeWindow: '1 minute' } };

export function calendarRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const tags = ['calendar'];

    app.get(
      '/api/calendar/deadline',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '办理时限：N 个工作日后的到期日（公开）',
          description: '开始当日不计；到期日为其后第 N 个工作日，总是工作日。跨入尚无全国节假日数据的年份时 provisional 为 true。',
          querystring: DeadlineQuery,
          response: { 200: DeadlineView, ...problemResponses },
        },
      },
      async (request) => ctx.db.transaction(PUBLIC_SCOPE, (tx) => service.deadlineFor(tx, request.query)),
    );

    app.get(
      '/api/calendar/now',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '服务器当前时间与业务日期（北京时间；各应用据此校准本机时钟，公开）',
          response: { 200: ServerTimeView, ...problemResponses },
        },
      },
      async (_request, reply) => {
        const now = ctx.clock.now();
        // Never cached anywhere: an answer kept by a proxy or the browser would teach a wrong offset.
        void reply.header('cache-control', 'no-store');
        return { now: now.toISOString(), today: businessDateOf(now) };
      },
    );

    app.get(
      '/api/calendar/days',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '工作日历：逐日的工作日/周末/节假日/调休/本地设置（公开，最多 400 天）',
          querystring: DaysQuery,
          response: { 200: DaysView, ...problemResponses },
        },
      },
      async (request) => ctx.db.transaction(PUBLIC_SCOPE, (tx) => service.daysFor(tx, request.query)),
    );

    app.get(
      '/api/calendar/national-years',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '已有全国节假日数据的年份（公开）',
          response: { 200: z.object({ years: z.array(NationalYearView) }), ...problemResponses },
        },
      },
      async () => ({ years: await ctx.db.transaction(PUBLIC_SCOPE, (tx) => service.listNationalYears(tx)) }),
    );

    app.post(
      '/api/calendar/national-years',
      {
        schema: {
          tags,
          summary: '录入或导入一年的全国节假日（JSON 或 iCalendar；县中心管理员）',
          body: NationalYearBody,
          response: { 201: z.object({ year: NationalYearView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('calendar.national'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => service.enterNationalYear(tx, actor, request.body, now)));
      },
    );

    app.get(
      '/api/calendar/overrides',
      {
        schema: {
          tags,
          summary: '某机构适用的本地假日与本地工作日（含上级县的设置）',
          querystring: OverrideQuery,
          response: { 200: z.object({ overrides: z.array(OverrideView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request);
        return {
          overrides: await readInScope(ctx, actor, (tx) => service.listOverridesFor(tx, actor, request.query.orgId, request.query.year)),
        };
      },
    );

    app.post(
      '/api/calendar/overrides',
      {
        schema: {
          tags,
          summary: '新增本地假日或本地工作日（县、乡镇）',
          body: CreateOverrideBody,
          response: { 201: z.object({ override: OverrideView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('calendar.manage'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => service.createOverride(tx, actor, request.body, now)));
      },
    );

    app.delete(
      '/api/calendar/overrides/:id',
      {
        schema: {
          tags,
          summary: '删除本地假日或本地工作日（带 version）',
          params: IdParams,
          querystring: RemoveOverrideQuery,
          response: { 200: z.object({ removed: z.object({ id: z.string(), date: z.string(), orgId: z.string() }) }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('calendar.manage'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) =>
            service.removeOverride(tx, actor, request.params.id, request.query.version, now),
          ),
        );
      },
    );

    app.get(
      '/api/calendar/:file',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '机构节假日 iCalendar 订阅（/api/calendar/<区划代码>.ics，公开）',
          description: '返回 text/calendar：法定节假日、调休上班日和本机构（含上级）的本地设置，覆盖上一年至下一年。',
          params: IcsParams,
          response: { 200: z.string().describe('text/calendar'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const code = request.params.file.slice(0, 12);
        const now = ctx.clock.now();
        const text = await ctx.db.transaction(PUBLIC_SCOPE, (tx) => service.icsFeedFor(tx, code, now, businessDateOf(now)));
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `inline; filename="${code}.ics"`)
          .header('cache-control', 'public, max-age=3600')
          .send(text);
      },
    );
  };
}
