import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PUBLIC_SCOPE, type Tx } from '../../../db/db.ts';
import { runPublicChange, sendChange, type Change, type PublicActor } from '../../../kernel/change.ts';
import type { AppContext } from '../../../kernel/context.ts';
import { problemResponses, type RoutesPlugin } from '../../../kernel/route-kit.ts';
import { DomainError } from '../../../shared/errors.ts';
import { qrTasks } from '../../../kernel/qr.ts';
import { OrgQuery, TakenTicketView } from '../schemas.ts';
import { centerByCode } from '../service.ts';
import * as booking from './booking.ts';
import { countWrongCode } from './repo.ts';
import {
  BookBody,
  BookingView,
  CancelBody,
  CheckInBody,
  PublicSlotsQuery,
  PublicSlotsView,
  RescheduleBody,
  SendCodeBody,
  SentCodeView,
} from './schemas.ts';

const tags = ['queue (public)'];
const READ_LIMIT = { rateLimit: { max: 600, timeWindow: '1 minute' } };
/** A phone's own limits are in the database (once a minute, five an hour); this stops a script per address. */
const CODE_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const CHANGE_LIMIT = { rateLimit: { max: 120, timeWindow: '1 minute' } };

type Center = { id: string; code: string; name: string };
const citizen = (center: Center, name: string): PublicActor => ({
  orgId: center.id,
  principalKey: 'public',
  actorName: name,
  actorRole: 'public',
});
const BookingAnswer = z.object({ booking: BookingView });

/** 预约 without signing in: slots, the SMS code, booking, cancel and reschedule (portal), check-in (kiosk). */
export function publicAppointmentRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const centerOf = (code: string) => ctx.db.transaction(PUBLIC_SCOPE, (tx) => centerByCode(tx, code));
    const asCenter = <T>(center: Center, work: (tx: Tx) => Promise<T>) => ctx.db.transaction({ kind: 'orgs', orgIds: [center.id] }, work);

    /** A change that checks an SMS code: a wrong code is counted in a transaction of its own (the refusal rolls back). */
    const withCode = async <T>(request: FastifyRequest, center: Center, phone: string, work: (tx: Tx, now: Date) => Promise<Change<T>>) => {
      try {
        return await runPublicChange(ctx, request, citizen(center, '群众（网上预约）'), work);
      } catch (error) {
        if (error instanceof DomainError && error.extra.reason === booking.WRONG_CODE) {
          await asCenter(center, (tx) => countWrongCode(tx, center.id, phone));
        }
        throw error;
      }
    };

    app.get(
      '/api/public/queue/appointments/slots',
      {
        config: READ_LIMIT,
        schema: {
          tags,
          summary: '可预约的日期与时段（含延时服务、非工作日预约）及余量',
          querystring: PublicSlotsQuery,
          response: { 200: PublicSlotsView, ...problemResponses },
        },
      },
      async (request) => {
        const center = await centerOf(request.query.org);
        return asCenter(center, (tx) => booking.publicSlots(tx, center, request.query.category, ctx.clock.now()));
      },
    );
    app.post(
      '/api/public/queue/appointments/codes',
      {
        config: CODE_LIMIT,
        schema: {
          tags,
          summary: '发送预约短信验证码（6 位，10 分钟内有效）',
          description: '同一手机号 60 秒内只能获取一次，一小时最多 5 次。须带 Idempotency-Key。',
          body: SendCodeBody,
          response: { 201: SentCodeView, ...problemResponses },
        },
      },
      async (request, reply) => {
        const center = await centerOf(request.body.org);
        sendChange(
          reply,
          await runPublicChange(ctx, request, citizen(center, '群众（网上预约）'), (tx, now) =>
            booking.sendCode(tx, center, request.body.phone, now),
          ),
        );
      },
    );
    app.post(
      '/api/public/queue/appointments',
      {
        config: CHANGE_LIMIT,
        schema: {
          tags,
          summary: '网上预约（短信验证码核验手机号）',
          description: '每个时段不超过设定的预约数；近期多次爽约的手机号暂不能预约。须带 Idempotency-Key。',
          body: BookBody,
          response: { 201: BookingAnswer, ...problemResponses },
        },
      },
      async (request, reply) => {
        const center = await centerOf(request.body.org);
        sendChange(reply, await withCode(request, center, request.body.phone, (tx, now) => booking.book(tx, center, request.body, now)));
      },
    );
    app.post(
      '/api/public/queue/appointments/cancel',
      {
        config: CHANGE_LIMIT,
        schema: {
          tags,
          summary: '取消预约（预约号 + 短信验证码）',
          body: CancelBody,
          response: { 200: BookingAnswer, ...problemResponses },
        },
      },
      async (request, reply) => {
        const center = await centerOf(request.body.org);
        sendChange(reply, await withCode(request, center, request.body.phone, (tx, now) => booking.cancel(tx, center, request.body, now)));
      },
    );
    app.post(
      '/api/public/queue/appointments/reschedule',
      {
        config: CHANGE_LIMIT,
        schema: {
          tags,
          summary: '改约到另一时段（预约号 + 短信验证码）',
          body: RescheduleBody,
          response: { 200: BookingAnswer, ...problemResponses },
        },
      },
      async (request, reply) => {
        const center = await centerOf(request.body.org);
        sendChange(
          reply,
          await withCode(request, center, request.body.phone, (tx, now) => booking.reschedule(tx, center, request.body, now)),
        );
      },
    );
    app.get(
      '/api/public/queue/appointments/:bookingNo/qr.svg',
      {
        config: READ_LIMIT,
        schema: {
          tags,
          summary: '预约二维码（在取号机扫码签到），SVG',
          description: '二维码只含服务中心代码和预约号（预约人本已知道），不查询预约本身。',
          params: z.strictObject({ bookingNo: z.string().regex(/^\d{6}$/, '预约号为 6 位数字') }),
          querystring: OrgQuery,
          response: { 200: z.string().describe('image/svg+xml'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const center = await centerOf(request.query.org);
        // The kiosk reads the last six digits of whatever a scanner types.
        const text = `YIZHAN-BOOKING:${center.code}:${request.params.bookingNo}`;
        return reply
          .type('image/svg+xml')
          .header('cache-control', 'private, max-age=86400')
          .send(await ctx.heavy.run(qrTasks.qrSvg, text));
      },
    );
    app.post(
      '/api/public/queue/appointments/check-in',
      {
        config: CHANGE_LIMIT,
        schema: {
          tags,
          summary: '预约签到（取号机输入或扫描预约号），取得预约优先号',
          description: '时段开始前 30 分钟至时段结束可签到。须带 Idempotency-Key。',
          body: CheckInBody,
          response: { 201: TakenTicketView.extend({ bookingNo: z.string() }), ...problemResponses },
        },
      },
      async (request, reply) => {
        const center = await centerOf(request.body.org);
        sendChange(
          reply,
          await runPublicChange(ctx, request, citizen(center, '群众（预约签到）'), (tx, now) =>
            booking.checkIn(tx, center, request.body, now),
          ),
        );
      },
    );
  };
}
