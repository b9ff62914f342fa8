import { z } from 'zod';
import { runChange, sendChange } from '../../../kernel/change.ts';
import type { AppContext } from '../../../kernel/context.ts';
import { rolesFor } from '../../../kernel/permissions.rules.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../../kernel/scope.ts';
import { OrderAnswerBody, OrderIssueBody, OrderListQuery, OrderReviewBody, OrderView } from './schemas.ts';
import { orderNoticeTasks } from './notice-pdf.ts';
import { answerOrder, issueOrder, listOrdersFor, orderDetail, orderNoticeOf, reviewOrder } from './service.ts';

/** 督办单: issue on a late case or step, 整改回告, review; list and detail (ADR 0029). */
export function supervisionOrderRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const tags = ['supervision'];

    app.get(
      '/api/supervision-orders',
      {
        schema: {
          tags,
          summary: '督办单列表（本级及下级；open 未办结、overdue 红色督办、done 已办结；mine 只列本人须回告的）',
          querystring: OrderListQuery,
          response: { 200: z.object({ orders: z.array(OrderView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('supervision.order.read'));
        return readInScope(ctx, actor, async (tx) => ({ orders: await listOrdersFor(tx, actor, request.query) }));
      },
    );

    app.get(
      '/api/supervision-orders/:id',
      {
        schema: {
          tags,
          summary: '督办单详情（含本人可进行的操作 allowedActs）',
          params: IdParams,
          response: { 200: OrderView, ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('supervision.order.read'));
        return readInScope(ctx, actor, (tx) => orderDetail(tx, actor, request.params.id));
      },
    );

    app.get(
      '/api/supervision-orders/:id/notice.pdf',
      {
        schema: {
          tags,
          summary: '打印督办通知书（A4 PDF）',
          params: IdParams,
          response: { 200: z.custom<Buffer>().describe('A4 PDF（application/pdf）'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const actor = requireStaff(request, ...rolesFor('supervision.order.read'));
        const data = await readInScope(ctx, actor, (tx) => orderNoticeOf(tx, actor, request.params.id));
        const pdf = await ctx.heavy.run(orderNoticeTasks.renderOrderNoticePdf, data);
        return reply
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `inline; filename="supervision-order.pdf"; filename*=UTF-8''${encodeURIComponent(`督办通知书-${data.orderNo}.pdf`)}`,
          )
          .send(pdf);
      },
    );

    app.post(
      '/api/supervision-orders',
      {
        schema: {
          tags,
          summary: '下发督办（监察、县中心管理员或中心主任；只对黄牌、红牌的办件或步骤）',
          description: '督办对象：经办人（holder）、指定工作人员或部门；期限为日期或工作日数（默认 3 个工作日）。需 Idempotency-Key。',
          body: OrderIssueBody,
          response: { 201: OrderView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('supervision.order'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => issueOrder(tx, actor, request.body, now)));
      },
    );

    app.post(
      '/api/supervision-orders/:id/answer',
      {
        schema: {
          tags,
          summary: '整改回告（督办对象或其中心主任）',
          description: '带督办单的当前 version；版本过期返回 409。需 Idempotency-Key。',
          params: IdParams,
          body: OrderAnswerBody,
          response: { 200: OrderView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('supervision.order.read'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => answerOrder(tx, actor, request.params.id, request.body, now)));
      },
    );

    for (const act of ['accept', 'return'] as const) {
      app.post(
        `/api/supervision-orders/:id/${act}`,
        {
          schema: {
            tags,
            summary: act === 'accept' ? '审核通过整改回告（督办办结）' : '退回重办（须说明理由；原期限不变）',
            description: '带督办单的当前 version；版本过期返回 409。需 Idempotency-Key。',
            params: IdParams,
            body: OrderReviewBody,
            response: { 200: OrderView, ...problemResponses },
          },
        },
        async (request, reply) => {
          requireStaff(request, ...rolesFor('supervision.order'));
          sendChange(
            reply,
            await runChange(ctx, request, (tx, actor, now) => reviewOrder(tx, actor, request.params.id, act, request.body, now)),
          );
        },
      );
    }
  };
}
