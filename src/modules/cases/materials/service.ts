import type { Tx } from '../../../db/db.ts';
import type { Change } from '../../../kernel/change.ts';
import type { Principal } from '../../../kernel/context.ts';
import { versionConflict } from '../../../kernel/version-conflict.ts';
import { businessDateOf } from '../../../shared/business-date.ts';
import { DomainError } from '../../../shared/errors.ts';
import { caseErrors } from '../errors.ts';
import * as repo from '../repo.ts';
import type { CaseView } from '../schemas.ts';
import { assertFilesOfOrg, loadCaseInScope, viewCase } from '../service.ts';
import { isFinal } from '../transitions.ts';
import { setMaterialFile } from './repo.ts';
import type { AttachMaterialFileBody } from './schemas.ts';

/**
 * 窗口扫描/上传: the scan of a material the window has received is kept with the case (a new scan
 * replaces the old one; the event keeps both). Not for a material still missing — 补齐材料 receives it —
 * and not once the case is closed, refused or withdrawn.
 */
export async function attachMaterialFile(
  tx: Tx,
  actor: Principal,
  id: string,
  body: AttachMaterialFileBody,
  now: Date,
  auditKey: string,
): Promise<Change<CaseView>> {
  const record = await loadCaseInScope(tx, actor, id, true);
  if (body.version !== record.version) throw await versionConflict(tx, 'cases', record.id);
  if (isFinal(record.status))
    throw new DomainError(caseErrors.CASE_MATERIAL_CLOSED, '办件已终结（归档、不予受理或撤回），不能再上传材料文件。');
  const material = (await repo.listMaterials(tx, record.id)).find((candidate) => candidate.name === body.name);
  if (!material) throw new DomainError(caseErrors.CASE_MATERIAL_NOT_FOUND, `办件的材料清单中没有“${body.name}”。`);
  if (!material.received) {
    throw new DomainError(caseErrors.CASE_MATERIAL_NOT_RECEIVED, `“${body.name}”尚未收取：请通过“补齐材料”收取并上传。`);
  }
  await assertFilesOfOrg(tx, record.orgId, [body]);
  const { previousFileId } = await setMaterialFile(tx, record.id, body.name, body.fileId);
  if (!(await repo.updateCase(tx, record.id, record.version, {}, now))) throw await versionConflict(tx, 'cases', record.id);
  await repo.appendCaseEvent(tx, auditKey, record.id, record.orgId, {
    act: 'material-file',
    actorId: actor.staffId,
    actorName: actor.name,
    at: now,
    businessDate: businessDateOf(now),
    payload: { material: body.name, fileId: body.fileId, ...(previousFileId ? { replacedFileId: previousFileId } : {}) },
  });
  const updated = await repo.findCase(tx, record.id);
  if (!updated) throw new Error('case vanished');
  return {
    body: await viewCase(tx, updated, actor),
    audit: {
      action: 'case.material_file',
      targetType: 'case',
      targetId: record.id,
      orgId: record.orgId,
      summary: { caseNo: record.caseNo, material: body.name, fileId: body.fileId },
    },
  };
}
