import { catalogErrors } from './errors.ts';
import { z } from 'zod';
import { runChange, sendChange } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import { problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { ImportReport, ItemContent } from './schemas.ts';
import { exportContentTexts, importRows } from './transfer.ts';
import { transferTasks, type PreparedRows } from './transfer-work.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const OrgQuery = z.strictObject({ orgId: z.uuid('请选择机构') });
const ImportQuery = z.strictObject({ orgId: z.uuid('请选择机构'), publish: z.enum(['true', 'false']).default('false') });
const JsonCatalog = z.object({
  format: z.literal('yizhan-catalog').optional(),
  items: z.array(z.unknown()).max(2000, '一次最多导入 2000 个事项'),
});

/**
 * Import and export of the catalog (.xlsx as counties exchange lists, and JSON). Workbooks are read,
 * written and checked on the heavy-work pool; the transaction only reads and writes rows.
 */
export function transferRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const tags = ['catalog'];
    app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => {
      done(null, body);
    });

    app.get(
      '/api/items/export.xlsx',
      { schema: { tags, summary: '导出事项目录（.xlsx 模板格式）', querystring: OrgQuery } },
      async (request, reply) => {
        const actor = requireStaff(request);
        const texts = await readInScope(ctx, actor, (tx) => exportContentTexts(tx, actor, request.query.orgId));
        const body = await ctx.heavy.run(transferTasks.exportWorkbook, texts);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', "attachment; filename*=UTF-8''catalog.xlsx")
          .send(body);
      },
    );

    app.get('/api/items/template.xlsx', { schema: { tags, summary: '空白导入模板（.xlsx）' } }, async (request, reply) => {
      requireStaff(request);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', "attachment; filename*=UTF-8''catalog-template.xlsx")
        .send(await ctx.heavy.run(transferTasks.exportWorkbook, []));
    });

    app.get(
      '/api/items/export.json',
      {
        schema: {
          tags,
          summary: '导出事项目录（JSON）',
          querystring: OrgQuery,
          response: { 200: z.object({ format: z.literal('yizhan-catalog'), items: z.array(ItemContent) }), ...problemResponses },
        },
      },
      async (request, reply) => {
        const actor = requireStaff(request);
        const texts = await readInScope(ctx, actor, (tx) => exportContentTexts(tx, actor, request.query.orgId));
        // Serialised on the pool: the schema above documents the body; Fastify sends JSON text as it is.
        const body = await ctx.heavy.run(transferTasks.exportJson, texts);
        return reply.type('application/json; charset=utf-8').send(body as unknown as { format: 'yizhan-catalog'; items: ItemContent[] });
      },
    );

    app.post(
      '/api/items/import',
      {
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          summary: '导入事项目录（.xlsx 或 JSON）：任何一行有误则整体不导入',
          querystring: ImportQuery,
          response: { 200: ImportReport, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('catalog.manage'));
        const { orgId } = request.query;
        const publish = request.query.publish === 'true';
        const rows = await rowsOf(ctx, request.body, request.headers['content-type'] ?? '', publish);
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => importRows(tx, ctx.heavy, actor, orgId, rows, publish, now)));
      },
    );
  };
}

/** The uploaded rows, read and checked on the pool (everything that needs no database). */
async function rowsOf(ctx: AppContext, body: unknown, contentType: string, publish: boolean): Promise<PreparedRows> {
  if (Buffer.isBuffer(body) && contentType.startsWith(XLSX_TYPE)) {
    const prepared = await ctx.heavy.run(transferTasks.prepareWorkbookImport, body, publish).catch((error: unknown) => {
      if (error instanceof DomainError) throw error;
      // The worker thread itself gave up (a zip bomb past its heap limit): the file is what cannot be read.
      return { isReadable: false as const, reason: undefined };
    });
    if (!prepared.isReadable) {
      if (prepared.reason) throw new DomainError(catalogErrors.IMPORT_REFUSED, prepared.reason);
      throw new DomainError(commonErrors.VALIDATION_FAILED, '无法读取该 .xlsx 文件，请使用“导出”或“模板”生成的文件。');
    }
    return prepared.rows;
  }
  const parsed = JsonCatalog.safeParse(body);
  if (!parsed.success) throw new DomainError(commonErrors.VALIDATION_FAILED, '请上传 .xlsx 文件，或 {"items":[…]} 格式的 JSON。');
  return ctx.heavy.run(transferTasks.prepareJsonImport, parsed.data.items, publish);
}
