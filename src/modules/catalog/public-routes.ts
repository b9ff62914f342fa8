import { z } from 'zod';
import { PUBLIC_SCOPE } from '../../db/db.ts';
import { publicBaseUrl } from '../../kernel/public-url.ts';
import type { AppContext } from '../../kernel/context.ts';
import { problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { qrTasks } from '../../kernel/qr.ts';
import { listPublicCenters } from './centers.ts';
import * as guide from './guide.ts';
import { guidePdfTasks } from './pdf.ts';
import { BundleView, CodeParams, PublicGuideView, PublicItemQuery, PublicItemSummary, PublicOrgQuery } from './schemas.ts';

const PUBLIC_LIMIT = { rateLimit: { max: 1200, timeWindow: '1 minute' } };
/** PDFs cost a render each: fewer per client. */
const PDF_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const OrgRef = z.object({ code: z.string(), name: z.string() });

/** 办事指南: published items and bundles, no sign-in (runs under PUBLIC_SCOPE). */
export function publicCatalogRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const tags = ['public'];
    const read = <T>(work: Parameters<typeof ctx.db.transaction<T>>[1]) => ctx.db.transaction(PUBLIC_SCOPE, work);

    app.get(
      '/api/public/items',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '办事指南检索（汉字、全拼或首字母；按部门、服务对象、一件事筛选）',
          querystring: PublicItemQuery,
          response: { 200: z.object({ org: OrgRef, items: z.array(PublicItemSummary) }), ...problemResponses },
        },
      },
      async (request) => {
        const { org, items } = await read((tx) => guide.searchItems(tx, request.query));
        return { org: { code: org.code, name: org.name }, items };
      },
    );

    app.get(
      '/api/public/items/:code',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '事项办事指南（八公开）',
          params: CodeParams,
          querystring: PublicOrgQuery,
          response: { 200: PublicGuideView, ...problemResponses },
        },
      },
      async (request) => read((tx) => guide.getGuide(tx, request.params.code, request.query.org)),
    );

    for (const [file, summary, task] of [
      ['guide.pdf', '打印版办事指南（A4 PDF，含二维码）', guidePdfTasks.renderGuidePdf],
      ['notice-checklist.pdf', '空白一次性告知单（PDF）', guidePdfTasks.renderNoticeChecklistPdf],
    ] as const) {
      app.get(
        `/api/public/items/:code/${file}`,
        { config: PDF_LIMIT, schema: { tags, summary, params: CodeParams, querystring: PublicOrgQuery } },
        async (request, reply) => {
          const { code } = request.params;
          const found = await read((tx) => guide.getGuide(tx, code, request.query.org));
          // The QR code leads to this guide's page on the portal, at the platform's public address.
          const page = `${publicBaseUrl(ctx, request)}/items/${encodeURIComponent(code)}${request.query.org ? `?org=${request.query.org}` : ''}`;
          // Read in the transaction, laid out on a worker thread (CONVENTIONS 16).
          const pdf = await ctx.heavy.run(task, found, page);
          return reply
            .header('content-type', 'application/pdf')
            .header('content-disposition', `inline; filename="${code}-${file}"`)
            .header('cache-control', 'public, max-age=300')
            .send(pdf);
        },
      );
    }

    app.get(
      '/api/public/centers',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '县、乡镇便民服务中心（办事指南按乡镇切换；org 缺省为县中心）',
          querystring: PublicOrgQuery,
          response: {
            200: z.object({
              current: z.string().describe('the chosen center’s code'),
              centers: z.array(
                z.object({
                  code: z.string(),
                  name: z.string(),
                  kind: z.enum(['county', 'township']),
                  address: z.string(),
                  phone: z.string(),
                }),
              ),
            }),
            ...problemResponses,
          },
        },
      },
      async (request) => read((tx) => listPublicCenters(tx, request.query.org)),
    );

    app.get(
      '/api/public/centers/:code/qr.svg',
      {
        config: PDF_LIMIT,
        schema: {
          tags,
          summary: '乡镇办事指南地址的二维码（张贴于大厅，扫码即看本乡镇的办事指南）',
          params: z.strictObject({ code: z.string().regex(/^\d{12}$/, '机构应为 12 位区划代码') }),
        },
      },
      async (request, reply) => {
        const center = await read((tx) => guide.resolvePublicOrg(tx, request.params.code));
        const svg = await ctx.heavy.run(qrTasks.qrSvg, `${publicBaseUrl(ctx, request)}/t/${center.code}`);
        return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
      },
    );

    app.get(
      '/api/public/facets',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '可浏览的部门与一件事',
          querystring: PublicOrgQuery,
          response: {
            200: z.object({
              org: OrgRef,
              departments: z.array(z.object({ name: z.string(), count: z.number().int() })),
              events: z.array(z.object({ name: z.string(), count: z.number().int() })),
            }),
            ...problemResponses,
          },
        },
      },
      async (request) => read((tx) => guide.getFacets(tx, request.query.org)),
    );

    app.get(
      '/api/public/bundles',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '一件事一次办',
          querystring: PublicOrgQuery,
          response: { 200: z.object({ bundles: z.array(BundleView) }), ...problemResponses },
        },
      },
      async (request) => ({ bundles: await read((tx) => guide.listBundles(tx, request.query.org)) }),
    );

    app.get(
      '/api/public/bundles/:code',
      {
        config: PUBLIC_LIMIT,
        schema: {
          tags,
          summary: '一件事详情（事项与合并后的材料清单）',
          params: CodeParams,
          querystring: PublicOrgQuery,
          response: { 200: BundleView, ...problemResponses },
        },
      },
      async (request) => read((tx) => guide.getBundle(tx, request.params.code, request.query.org)),
    );
  };
}
