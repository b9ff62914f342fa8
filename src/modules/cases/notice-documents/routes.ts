import { z } from 'zod';
import type { AppContext, Role } from '../../../kernel/context.ts';
import { problemResponses, type RoutesPlugin } from '../../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../../kernel/scope.ts';
import { publicBaseUrl } from '../../../kernel/public-url.ts';
import type { CaseDeps } from '../ports.ts';
import { loadNotice } from './data.ts';
import { NOTICE_KINDS, NOTICE_TITLES, noticePdfTasks } from './pdf.ts';

const NoticeParams = z.strictObject({
  id: z.uuid({ message: '编号格式不正确' }),
  kind: z.enum(
    NOTICE_KINDS,
    '通知书类型应为 accepted（受理）、refused（不予受理）、supplement（一次性告知）、concluded（办结）、extended（延期）、suspended（中止）、receipt（收件凭证）或 delivery（送达回证）',
  ),
});

/** 通知书: the printable documents a window hands the applicant, read with the same roles and scope as the case. */
export function caseNoticeRoutes(ctx: AppContext, roles: readonly Role[], deps: Pick<CaseDeps, 'findItem'>): RoutesPlugin {
  return async (app) => {
    app.get(
      '/api/cases/:id/notices/:kind',
      {
        schema: {
          tags: ['cases'],
          summary: '打印办件通知书（受理、不予受理、一次性告知、办结、延期、中止、收件凭证、送达回证；A4 PDF）',
          description: '返回 application/pdf。办件未作出相应决定（如未受理时打印受理通知书）返回 422 CASE_NOTICE_NOT_APPLICABLE。',
          params: NoticeParams,
          // The PDF is sent as a Buffer, which Fastify never serialises; the schema documents it.
          response: { 200: z.custom<Buffer>().describe('A4 PDF（application/pdf）'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const actor = requireStaff(request, ...roles);
        const { id, kind } = request.params;
        const context = { findItem: deps.findItem, publicUrl: publicBaseUrl(ctx, request) };
        const data = await readInScope(ctx, actor, (tx) => loadNotice(tx, actor, id, kind, context));
        const pdf = await ctx.heavy.run(noticePdfTasks.renderNoticePdf, data);
        // RFC 6266/5987: an ASCII fallback name, then the Chinese one percent-encoded.
        const filename = `${NOTICE_TITLES[kind]}-${data.caseNo}.pdf`;
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${kind}-${data.caseNo}.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`)
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    );
  };
}
