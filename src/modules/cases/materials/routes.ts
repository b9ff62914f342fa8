import type { AppContext } from '../../../kernel/context.ts';
import { runChange, sendChange } from '../../../kernel/change.ts';
import { rolesFor } from '../../../kernel/permissions.rules.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../../kernel/route-kit.ts';
import { requireStaff } from '../../../kernel/scope.ts';
import { CaseView } from '../schemas.ts';
import { AttachMaterialFileBody } from './schemas.ts';
import { attachMaterialFile } from './service.ts';

/** 窗口扫描/上传: a received material's file, kept with the case. */
export function caseMaterialRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    app.post(
      '/api/cases/:id/material-files',
      {
        schema: {
          tags: ['cases'],
          summary: '上传已收取材料的扫描件或照片（先经 POST /api/files 上传文件）',
          description: '带当前 version；同名材料已有文件时替换（事件记录保留原文件）。材料尚未收取时请用“补齐材料”。',
          params: IdParams,
          body: AttachMaterialFileBody,
          response: { 200: CaseView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, ...rolesFor('case.handle'));
        sendChange(
          reply,
          await runChange(ctx, request, (tx, actor, now) =>
            attachMaterialFile(tx, actor, request.params.id, request.body, now, ctx.auditKey),
          ),
        );
      },
    );
  };
}
