import { z } from 'zod';
import { runChange, sendChange } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../kernel/scope.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import {
  CreateDepartmentBody,
  CreateOrgBody,
  CreateWindowBody,
  DepartmentView,
  OrgQuery,
  OrgView,
  UpdateDepartmentBody,
  UpdateOrgBody,
  UpdateWindowBody,
  WindowView,
} from './schemas.ts';
import * as service from './service.ts';

export function orgRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    const tags = ['org'];

    app.get(
      '/api/orgs',
      {
        schema: {
          tags,
          summary: '本人可见的组织机构（县、乡镇、村）',
          response: { 200: z.object({ orgs: z.array(OrgView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request);
        return { orgs: await readInScope(ctx, actor, (tx) => service.listVisibleOrgs(tx, actor)) };
      },
    );

    app.get(
      '/api/orgs/:id',
      { schema: { tags, summary: '组织机构详情', params: IdParams, response: { 200: z.object({ org: OrgView }), ...problemResponses } } },
      async (request) => {
        const actor = requireStaff(request);
        return { org: await readInScope(ctx, actor, (tx) => service.getOrg(tx, actor, request.params.id)) };
      },
    );

    app.post(
      '/api/orgs',
      {
        schema: { tags, summary: '新建乡镇或村', body: CreateOrgBody, response: { 201: z.object({ org: OrgView }), ...problemResponses } },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('org.manage'));
        const result = await runChange(ctx, request, (tx, actor, now) => service.createOrg(tx, actor, request.body, now));
        sendChange(reply, result);
      },
    );

    app.patch(
      '/api/orgs/:id',
      {
        schema: {
          tags,
          summary: '修改组织机构',
          params: IdParams,
          body: UpdateOrgBody,
          response: { 200: z.object({ org: OrgView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('org.manage'));
        const result = await runChange(ctx, request, (tx, actor, now) =>
          service.updateOrg(tx, actor, request.params.id, request.body, now),
        );
        sendChange(reply, result);
      },
    );

    app.get(
      '/api/departments',
      {
        schema: {
          tags,
          summary: '部门站所（"7+X"）',
          querystring: OrgQuery,
          response: { 200: z.object({ departments: z.array(DepartmentView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request);
        return { departments: await readInScope(ctx, actor, (tx) => service.listDepartments(tx, actor, request.query.orgId)) };
      },
    );

    app.post(
      '/api/departments',
      {
        schema: {
          tags,
          summary: '新建部门站所',
          body: CreateDepartmentBody,
          response: { 201: z.object({ department: DepartmentView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('unit.manage'));
        const result = await runChange(ctx, request, (tx, actor, now) => service.createDepartment(tx, actor, request.body, now));
        sendChange(reply, result);
      },
    );

    app.patch(
      '/api/departments/:id',
      {
        schema: {
          tags,
          summary: '修改部门站所',
          params: IdParams,
          body: UpdateDepartmentBody,
          response: { 200: z.object({ department: DepartmentView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('unit.manage'));
        const result = await runChange(ctx, request, (tx, actor) => service.updateDepartment(tx, actor, request.params.id, request.body));
        sendChange(reply, result);
      },
    );

    app.get(
      '/api/windows',
      {
        schema: {
          tags,
          summary: '窗口',
          querystring: OrgQuery,
          response: { 200: z.object({ windows: z.array(WindowView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request);
        return { windows: await readInScope(ctx, actor, (tx) => service.listWindows(tx, actor, request.query.orgId)) };
      },
    );

    app.post(
      '/api/windows',
      {
        schema: {
          tags,
          summary: '新建窗口',
          body: CreateWindowBody,
          response: { 201: z.object({ window: WindowView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('unit.manage'));
        const result = await runChange(ctx, request, (tx, actor, now) => service.createWindow(tx, actor, request.body, now));
        sendChange(reply, result);
      },
    );

    app.patch(
      '/api/windows/:id',
      {
        schema: {
          tags,
          summary: '修改窗口',
          params: IdParams,
          body: UpdateWindowBody,
          response: { 200: z.object({ window: WindowView }), ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('unit.manage'));
        const result = await runChange(ctx, request, (tx, actor) => service.updateWindow(tx, actor, request.params.id, request.body));
        sendChange(reply, result);
      },
    );
  };
}
