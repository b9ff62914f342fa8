import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyRoutes } from '../modules/agency/index.ts';
import { auditRoutes } from '../modules/audit/index.ts';
import { authRoutes } from '../modules/auth/index.ts';
import { calendarRoutes } from '../modules/calendar/index.ts';
import { catalogRoutes } from '../modules/catalog/index.ts';
import { complaintPublicRoutes, complaintStaffRoutes } from '../modules/complaints/index.ts';
import { caseRoutes } from '../modules/cases/index.ts';
import { fileRoutes } from '../modules/files/index.ts';
import { noticeRoutes } from '../modules/notices/index.ts';
import { orgRoutes } from '../modules/org/index.ts';
import { queueRoutes } from '../modules/queue/index.ts';
import { supervisionOrderRoutes, supervisionRoutes } from '../modules/supervision/index.ts';
import { reportRoutes } from '../modules/reports/index.ts';
import { ratingRoutes } from '../modules/ratings/index.ts';
import { staffRoutes } from '../modules/staff/index.ts';
import { todoRoutes } from '../modules/todo/index.ts';
import type { TrustProxy } from '../config.ts';
import { verifyAuditTrail } from './audit-trail.ts';
import type { AppContext } from '../kernel/context.ts';
import { staffDeps, workflowDeps } from './deps.ts';
import { registerAuthentication } from './plugins/authentication.ts';
import { answerClientError, registerErrorHandling, sendFrameworkProblem } from './plugins/errors.ts';
import { registerInputHygiene, registerJsonBodies } from './plugins/input-hygiene.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerSecurity } from './plugins/security.ts';
import { registerFavicon } from './plugins/favicon.ts';
import { registerWeb } from './plugins/web.ts';

z.config(z.locales.zhCN());

export interface BuildAppOptions {
  logger?: boolean | { level: string };
  /** Serve dist/web (off in most tests). */
  serveWeb?: boolean;
  /** YIZHAN_TRUST_PROXY: off unless the server stands behind a reverse proxy (client addresses for throttling and audit). */
  trustProxy?: TrustProxy;
  /** YIZHAN_ALLOWED_ORIGINS: other origins whose pages may send changes with the session cookie. */
  allowedOrigins?: readonly string[];
}

/** A hop count as Fastify's typings take it: trust the nearest `hops` proxies (what proxy-addr does with a number). */
function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** The composition root: every route and plugin, no listen (tests use inject). */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors: sendFrameworkProblem,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerJsonBodies(app);
  registerInputHygiene(app);
  await app.register(cookie);
  await registerSecurity(app, { allowedOrigins: options.allowedOrigins ?? [], isProduction: ctx.config.isProduction });
  // Only routes that ask for it (public lookups) are limited; staff traffic is not.
  await app.register(rateLimit, { global: false });
  registerAuthentication(app, ctx);
  await registerOpenApi(app);

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }),
          503: z.object({ status: z.literal('unavailable'), db: z.enum(['pglite', 'postgres']) }),
        },
      },
    },
    async (_request, reply) => {
      const isUp = await Promise.race([
        ctx.db.ping().catch(() => false),
        new Promise<boolean>((resolve) =>
          setTimeout(() => {
            resolve(false);
          }, 2000).unref(),
        ),
      ]);
      if (!isUp) return reply.code(503).send({ status: 'unavailable' as const, db: ctx.db.engine });
      return { status: 'ok' as const, db: ctx.db.engine };
    },
  );

  await app.register(authRoutes(ctx));
  await app.register(orgRoutes(ctx));
  await app.register(staffRoutes(ctx, staffDeps));
  await app.register(auditRoutes(ctx, () => verifyAuditTrail(ctx.db, ctx.auditKey, { anchorFile: ctx.auditAnchorFile, heavy: ctx.heavy })));
  await app.register(calendarRoutes(ctx));
  await app.register(catalogRoutes(ctx));
  await app.register(fileRoutes(ctx));
  await app.register(noticeRoutes(ctx));
  const { caseDeps, agencyDeps } = workflowDeps();
  await app.register(caseRoutes(ctx, caseDeps));
  await app.register(agencyRoutes(ctx, agencyDeps));
  await app.register(todoRoutes(ctx));
  await app.register(queueRoutes(ctx));
  await app.register(supervisionRoutes(ctx));
  await app.register(supervisionOrderRoutes(ctx));
  await app.register(reportRoutes(ctx));
  await app.register(complaintStaffRoutes(ctx));
  await app.register(complaintPublicRoutes(ctx));
  await app.register(ratingRoutes(ctx));
  await registerFavicon(app);
  if (options.serveWeb) await registerWeb(app);
  return app;
}
