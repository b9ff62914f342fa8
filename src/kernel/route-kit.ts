import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** A module's routes: a Fastify plugin whose schemas are zod (types flow into handlers and OpenAPI). */
export type RoutesPlugin = FastifyPluginAsyncZod;

/** problem+json body, documented on every route. */
export const ProblemView = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const IdParams = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });

export const VersionField = z.number({ message: '缺少版本号 version' }).int().min(1);

/** Standard error responses for documentation. */
export const problemResponses = {
  400: ProblemView,
  401: ProblemView,
  403: ProblemView,
  404: ProblemView,
  409: ProblemView,
  422: ProblemView,
};
