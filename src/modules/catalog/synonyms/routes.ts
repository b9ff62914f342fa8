import { z } from 'zod';
import { runChange, sendChange } from '../../../kernel/change.ts';
import type { AppContext } from '../../../kernel/context.ts';
import { rolesFor } from '../../../kernel/permissions.rules.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../../kernel/scope.ts';
import { CreateSynonymBody, SynonymListQuery, SynonymView } from './schemas.ts';
import * as service from './service.ts';

/** 事项同义词: the county's list of what people call a service, used by every search of its centers. */
export function synonymRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const tags = ['catalog'];

    app.get(
      '/api/catalog/synonyms',
      {
        schema: {
          tags,
          summary: '事项同义词表（俗称、简称 → 事项名称中的说法；全县共用）',
          querystring: SynonymListQuery,
          response: { 200: z.object({ countyId: z.string(), synonyms: z.array(SynonymView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('catalog.manage'));
        return readInScope(ctx, actor, (tx) => service.listForOrg(tx, actor, request.query.orgId));
      },
    );

    app.post(
      '/api/catalog/synonyms',
      {
        schema: {
          tags,
          summary: '添加同义词（县级维护）',
          body: CreateSynonymBody,
          response: { 201: z.object({ synonym: SynonymView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('catalog.synonyms'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => service.createSynonym(tx, actor, request.body, now)));
      },
    );

    app.post(
      '/api/catalog/synonyms/:id/remove',
      {
        schema: {
          tags,
          summary: '删除同义词（县级维护）',
          params: IdParams,
          response: { 200: z.object({ removed: z.literal(true) }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('catalog.synonyms'));
        sendChange(reply, await runChange(ctx, request, (tx, actor) => service.removeSynonym(tx, actor, request.params.id)));
      },
    );
  };
}
