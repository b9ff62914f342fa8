import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PUBLIC_SCOPE, type Tx } from '../../db/db.ts';
import { runPublicChange, sendChange, type Change, type PublicActor } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { displayOf } from './display.ts';
import { createHallLive, type Center } from './live.ts';
import * as pads from './pads.ts';
import { publicBaseUrl } from './public-url.ts';
import { qrTasks } from '../../kernel/qr.ts';
import {
  DisplayView,
  OrgCodeField,
  OrgQuery,
  PadCurrentView,
  PairBody,
  PairView,
  PublicCategoriesView,
  PublicTicketView,
  RateBody,
  RatingView,
  TakenTicketView,
  TakeTicketBody,
  TicketParams,
} from './schemas.ts';
import * as service from './service.ts';
import * as tickets from './tickets.ts';

const tags = ['queue (public)'];
/** Kiosks share a hall's address: generous, but a script hammering one route is stopped. */
const PUBLIC_LIMIT = { rateLimit: { max: 1200, timeWindow: '1 minute' } };
const TAKE_LIMIT = { rateLimit: { max: 600, timeWindow: '1 minute' } };
const STREAM_LIMIT = { rateLimit: { max: 120, timeWindow: '1 minute' } };

const CENTER_CACHE_MS = 60_000;
const PAD_HEADER = 'x-hall-device';

/** A citizen at the kiosk or on a phone; a rating pad. */
const citizen = (orgId: string, name: string): PublicActor => ({ orgId, principalKey: 'public', actorName: name, actorRole: 'public' });
const pad = (device: pads.PadDevice): PublicActor => ({
  orgId: device.orgId,
  principalKey: `device:${device.id}`,
  actorName: '评价器',
  actorRole: 'device',
});

/** 取号、跟踪号票、综合屏与评价器: no sign-in; every request names its center by code and runs in that center's scope only. */
export function publicQueueRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const centers = new Map<string, { center: Center; at: number }>();
    const centerOf = async (code: string): Promise<Center> => {
      const cached = centers.get(code);
      const at = ctx.clock.now().getTime();
      if (cached && at - cached.at < CENTER_CACHE_MS) return cached.center;
      const found = await ctx.db.transaction(PUBLIC_SCOPE, (tx) => service.centerByCode(tx, code));
      const center = { id: found.id, code: found.code, name: found.name };
      centers.set(code, { center, at });
      return center;
    };
    const asCenter = <T>(center: Center, work: (tx: Tx) => Promise<T>) => ctx.db.transaction({ kind: 'orgs', orgIds: [center.id] }, work);
    const live = createHallLive(ctx.db, (center) => asCenter(center, (tx) => displayOf(tx, center, ctx.clock.now())), app.log);
    app.addHook('preClose', async () => live.close());
    const padOf = (request: FastifyRequest) => {
      const header = request.headers[PAD_HEADER];
      return pads.authenticatePad(ctx.db, Array.isArray(header) ? header[0] : header);
    };

    app.get(
      '/api/public/queue/categories',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '服务中心的业务类别及等候人数',
          querystring: OrgQuery,
          response: { 200: PublicCategoriesView, ...problemResponses },
        },
      },
      async (request) => {
        const center = await centerOf(request.query.org);
        return asCenter(center, (tx) => service.publicCategories(tx, center.code, ctx.clock.now()));
      },
    );
    app.post(
      '/api/public/queue/tickets',
      {
        config: TAKE_LIMIT,
        schema: {
          tags,
          summary: '取号（取号机或手机）',
          description:
            '一个手机号每个业务类别只能持有一张未办结的号票。身份证号显示达到中心设置年龄的，取得老年人优先号。须带 Idempotency-Key。',
          body: TakeTicketBody,
          response: { 201: TakenTicketView, ...problemResponses },
        },
      },
      async (request, reply) => {
        const center = await centerOf(request.body.org);
        const name = request.body.channel === 'phone' ? '群众（手机取号）' : '群众（取号机）';
        sendChange(
          reply,
          await runPublicChange(ctx, request, citizen(center.id, name), (tx, now) => tickets.takeTicket(tx, center, request.body, now)),
        );
      },
    );
    app.get(
      '/api/public/queue/tickets/:id',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '跟踪号票：状态、前面人数、预计等候',
          params: TicketParams,
          querystring: OrgQuery,
          response: { 200: PublicTicketView, ...problemResponses },
        },
      },
      async (request) => {
        const center = await centerOf(request.query.org);
        return asCenter(center, (tx) => tickets.publicTicketView(tx, center, request.params.id, ctx.clock.now()));
      },
    );
    app.get(
      '/api/public/queue/tickets/:id/qr.svg',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '号票二维码（扫码在手机上跟踪号票），SVG',
          params: TicketParams,
          querystring: OrgQuery,
          response: { 200: z.string().describe('image/svg+xml'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const center = await centerOf(request.query.org);
        await asCenter(center, (tx) => tickets.publicTicketView(tx, center, request.params.id, ctx.clock.now()));
        const url = `${publicBaseUrl(ctx, request)}/hall/ticket/${request.params.id}?org=${center.code}`;
        return reply
          .type('image/svg+xml')
          .header('cache-control', 'private, max-age=86400')
          .send(await ctx.heavy.run(qrTasks.qrSvg, url));
      },
    );
    const holderAct = (
      path: 'cancel' | 'rejoin',
      summary: string,
      act: (tx: Tx, center: Center, id: string, now: Date) => Promise<Change<{ status: string }>>,
    ) =>
      app.post(
        `/api/public/queue/tickets/:id/${path}`,
        {
          config: TAKE_LIMIT,
          schema: {
            tags,
            summary,
            params: TicketParams,
            body: z.strictObject({ org: OrgCodeField }),
            response: { 200: z.object({ status: z.string() }), ...problemResponses },
          },
        },
        async (request, reply) => {
          const center = await centerOf(request.body.org);
          sendChange(
            reply,
            await runPublicChange(ctx, request, citizen(center.id, '群众（手机）'), (tx, now) => act(tx, center, request.params.id, now)),
          );
        },
      );
    holderAct('cancel', '取消号票（持票人）', tickets.cancelTicket);
    holderAct('rejoin', '过号重新排队（持票人，次数有限）', tickets.rejoinByHolder);

    app.get(
      '/api/public/queue/display',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '综合屏·窗口屏数据：当前叫号（姓名脱敏）、各类别等候、公告',
          querystring: OrgQuery,
          response: { 200: DisplayView, ...problemResponses },
        },
      },
      async (request) => {
        const center = await centerOf(request.query.org);
        return asCenter(center, (tx) => displayOf(tx, center, ctx.clock.now()));
      },
    );
    app.get(
      '/api/public/queue/stream',
      {
        config: STREAM_LIMIT,
        schema: {
          tags,
          summary: '综合屏实时推送（Server-Sent Events）',
          description:
            'text/event-stream：连接后立即发送一次 `event: display`（数据同 /api/public/queue/display），此后中心每有叫号、取号、窗口变化即推送（多个服务器进程经 PostgreSQL LISTEN/NOTIFY 同步），每 15 秒一行注释保活；断线后浏览器按 retry: 2000 自动重连。',
          querystring: OrgQuery,
          response: { 200: z.string().describe('text/event-stream'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const center = await centerOf(request.query.org);
        await live.stream(request, reply, center);
      },
    );

    app.post(
      '/api/public/queue/pads/pair',
      {
        config: STREAM_LIMIT,
        schema: {
          tags,
          summary: '评价器配对（输入管理端给出的 8 位配对码）',
          body: PairBody,
          response: { 200: PairView, ...problemResponses },
        },
      },
      async (request, reply) => {
        const center = await centerOf(request.body.org);
        sendChange(
          reply,
          await runPublicChange(ctx, request, { ...citizen(center.id, '评价器（配对）'), actorRole: 'device' }, (tx, now) =>
            pads.pairDevice(tx, center, request.body.code, now),
          ),
        );
      },
    );
    app.get(
      '/api/public/queue/pads/current',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '评价器：本窗口刚办结、待评价的服务（请求头 X-Hall-Device）',
          response: { 200: PadCurrentView, ...problemResponses },
        },
      },
      async (request) => {
        const device = await padOf(request);
        return ctx.db.transaction({ kind: 'orgs', orgIds: [device.orgId] }, (tx) => pads.padCurrent(tx, device, ctx.clock.now()));
      },
    );
    app.post(
      '/api/public/queue/pads/ratings',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '评价器：群众评价（五级；每次服务一次，不可更改）',
          body: RateBody,
          response: { 201: z.object({ rating: RatingView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        const device = await padOf(request);
        sendChange(reply, await runPublicChange(ctx, request, pad(device), (tx, now) => pads.rate(tx, device, request.body, now)));
      },
    );
  };
}
