import { z } from 'zod';
import { VersionField } from '../../../kernel/route-kit.ts';

/** 窗口上传: the scan or photo of a material already received, uploaded through POST /api/files first. */
export const AttachMaterialFileBody = z.strictObject({
  version: VersionField,
  name: z.string().trim().min(1, '请选择材料').max(100, '材料名称最多 100 个字').describe('材料名称（办件材料清单中的一项）'),
  fileId: z.uuid().describe('POST /api/files 返回的文件编号'),
});
export type AttachMaterialFileBody = z.infer<typeof AttachMaterialFileBody>;
