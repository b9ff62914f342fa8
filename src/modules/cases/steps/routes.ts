import { z } from 'zod';
import { runChange, sendChange } from '../../../kernel/change.ts';
import type { AppContext } from '../../../kernel/context.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../../kernel/route-kit.ts';
import { readInScope, requireStaff } from '../../../kernel/scope.ts';
import { loadCaseInScope } from '../service.ts';
import * as stepsRepo from './repo.ts';
import type { CaseDeps } from '../ports.ts';
import { CaseView } from '../schemas.ts';
import { AddStepsBody, StepActBodies, StepParams, type StepAct } from './schemas.ts';
import { actOnStep, addSteps } from './service.ts';
import { rolesFor } from '../../../kernel/permissions.rules.ts';

const AssigneeView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
});

const STEP_ACT_SUMMARIES: Record<StepAct, string> = {
  reassign: '改派办理步骤',
  complete: '办结办理步骤（同意/不同意并填写意见）',
  opinion: '补交超时默认步骤的书面意见',
};

/** 办理步骤 / 联办步骤: add, reassign, complete, and the written opinion owed after 超时默认. */
export function caseStepRoutes(ctx: AppContext, deps: CaseDeps): RoutesPlugin {
  return async (app) => {
    const tags = ['cases'];

    app.post(
      '/api/cases/:id/steps',
      {
        schema: {
          tags,
          summary: '添加办理步骤（联办件：各部门并联步骤，各有期限）',
          description: '带办件的当前 version；步骤期限按工作日计算，不得晚于办件办结期限。需 Idempotency-Key。',
          params: IdParams,
          body: AddStepsBody,
          response: { 201: CaseView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('case.handle'));
        const result = await runChange(ctx, request, (tx, actor, now) =>
          addSteps(tx, actor, request.params.id, request.body, now, deps, ctx.auditKey),
        );
        sendChange(reply, result);
      },
    );

    app.get(
      '/api/cases/:id/assignees',
      {
        schema: {
          tags,
          summary: '可指派的经办人（本办件所属中心的在岗人员：姓名与部门）',
          description: '供添加、改派办理步骤时选择；只含姓名、角色和部门，不含联系方式。',
          params: IdParams,
          response: { 200: z.object({ staff: z.array(AssigneeView) }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = requireStaff(request, ...rolesFor('case.handle'));
        return readInScope(ctx, actor, async (tx) => ({
          staff: await stepsRepo.listAssignableStaff(tx, (await loadCaseInScope(tx, actor, request.params.id)).orgId),
        }));
      },
    );

    for (const act of Object.keys(StepActBodies) as StepAct[]) {
      app.post(
        `/api/cases/:id/steps/:stepId/${act}`,
        {
          schema: {
            tags,
            summary: STEP_ACT_SUMMARIES[act],
            description: '带该步骤的当前 version；版本过期返回 409，当前不允许返回 422。需 Idempotency-Key。',
            params: StepParams,
            body: StepActBodies[act],
            response: { 200: CaseView, ...problemResponses },
          },
        },
        async (request, reply) => {
          requireStaff(request, ...rolesFor('case.handle'));
          const result = await runChange(ctx, request, (tx, actor, now) =>
            actOnStep(tx, actor, request.params.id, request.params.stepId, act, request.body, now, ctx.auditKey),
          );
          sendChange(reply, result);
        },
      );
    }
  };
}
