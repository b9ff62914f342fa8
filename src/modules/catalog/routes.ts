import { z } from 'zod';
import { runChange, sendChange } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { publicCatalogRoutes } from './public-routes.ts';
import {
  CreateItemBody,
  DeriveItemBody,
  DiffEntry,
  DiffQuery,
  ItemDetailView,
  ItemListQuery,
  ItemSummaryView,
  ItemVersionView,
  SaveDraftBody,
  VersionBody,
  VersionParams,
} from './schemas.ts';
import * as service from './service.ts';
import { synonymRoutes } from './synonyms/routes.ts';
import { transferRoutes } from './transfer-routes.ts';

/** Staff endpoints under /api/items and the public guide under /api/public. */
export function catalogRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const tags = ['catalog'];
    await app.register(publicCatalogRoutes(ctx));
    await app.register(transferRoutes(ctx));
    await app.register(synonymRoutes(ctx));

    app.get(
      '/api/items',
      {
        schema: {
          tags,
          summary: '事项目录（本人可见的县基本目录与乡镇实施清单）',
          querystring: ItemListQuery,
          response: { 200: z.object({ items: z.array(ItemSummaryView), nextCursor: z.string().nullable() }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request);
        return readInScope(ctx, actor, (tx) => service.listItems(tx, actor, request.query));
      },
    );

    app.get(
      '/api/items/base',
      {
        schema: {
          tags,
          summary: '本县已发布的基本目录事项（乡镇据此编制实施清单）',
          response: { 200: z.object({ items: z.array(ItemSummaryView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request);
        return { items: await readInScope(ctx, actor, (tx) => service.listBaseItems(tx, actor)) };
      },
    );

    app.get(
      '/api/items/:id',
      { schema: { tags, summary: '事项详情（草稿与发布版本）', params: IdParams, response: { 200: ItemDetailView, ...problemResponses } } },
      async (request) => {
        const actor = requireStaff(request);
        return readInScope(ctx, actor, (tx) => service.getItemDetail(tx, actor, request.params.id));
      },
    );

    app.post(
      '/api/items',
      { schema: { tags, summary: '新建事项（草稿）', body: CreateItemBody, response: { 201: ItemDetailView, ...problemResponses } } },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('catalog.manage'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => service.createItem(tx, actor, request.body, now)));
      },
    );

    app.post(
      '/api/items/derive',
      {
        schema: {
          tags,
          summary: '从县基本目录派生乡镇实施清单事项（草稿）',
          body: DeriveItemBody,
          response: { 201: ItemDetailView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('catalog.manage'));
        sendChange(reply, await runChange(ctx, request, (tx, actor, now) => service.deriveItem(tx, actor, request.body, now)));
      },
    );

    app.put(
      '/api/items/:id/draft',
      {
        schema: {
          tags,
          summary: '保存草稿（带 version，过期返回 409）',
          params: IdParams,
          body: SaveDraftBody,
          response: { 200: ItemDetailView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('catalog.manage'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => service.saveDraft(tx, actor, request.params.id, request.body, now)),
        );
      },
    );

    app.post(
      '/api/items/:id/publish',
      {
        schema: {
          tags,
          summary: '发布草稿（原发布版本保留在历史中）',
          params: IdParams,
          body: VersionBody,
          response: { 200: ItemDetailView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('catalog.manage'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => service.publishItem(tx, actor, request.params.id, request.body.version, now)),
        );
      },
    );

    app.post(
      '/api/items/:id/unpublish',
      {
        schema: { tags, summary: '撤销发布', params: IdParams, body: VersionBody, response: { 200: ItemDetailView, ...problemResponses } },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('catalog.manage'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) => service.unpublishItem(tx, actor, request.params.id, request.body.version, now)),
        );
      },
    );

    app.get(
      '/api/items/:id/versions',
      {
        schema: {
          tags,
          summary: '版本历史',
          params: IdParams,
          response: { 200: z.object({ versions: z.array(ItemVersionView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request);
        return { versions: await readInScope(ctx, actor, (tx) => service.listVersions(tx, actor, request.params.id)) };
      },
    );

    app.get(
      '/api/items/:id/versions/:version',
      {
        schema: {
          tags,
          summary: '某一版本',
          params: VersionParams,
          response: { 200: z.object({ version: ItemVersionView }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request);
        return { version: await readInScope(ctx, actor, (tx) => service.getVersion(tx, actor, request.params.id, request.params.version)) };
      },
    );

    app.get(
      '/api/items/:id/diff',
      {
        schema: {
          tags,
          summary: '两个版本之间的差异',
          params: IdParams,
          querystring: DiffQuery,
          response: { 200: z.object({ changes: z.array(DiffEntry) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request);
        const { from, to } = request.query;
        return { changes: await readInScope(ctx, actor, (tx) => service.diffVersions(tx, actor, request.params.id, from, to)) };
      },
    );
  };
}
