import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { unlessTaken } from '../../kernel/unique.ts';
import { findOrg, findOrgByCode, listWindows } from '../org/index.ts';
import { queueErrors } from './errors.ts';
import * as repo from './repo.ts';
import type { CategoryView, CreateCategoryBody, SettingsView, UpdateCategoryBody, UpdateSettingsBody } from './schemas.ts';
import * as tickets from './tickets-repo.ts';

/** 大厅设置: a center's categories, which windows serve them, and its queue settings (directors, county admins). */

/** A township or county center in the caller's scope (a village station has no hall). */
export async function centerInScope(tx: Tx, actor: Principal, orgId: string): Promise<{ id: string; code: string; name: string }> {
  const org = actor.scopeOrgIds.includes(orgId) ? await findOrg(tx, orgId) : null;
  if (!org || org.kind === 'village')
    throw new DomainError(queueErrors.QUEUE_ORG_NOT_FOUND, '未找到该服务中心（村便民服务站没有取号大厅）。');
  return org;
}

/** A center named by its 12-digit code, for the public hall pages; the code is public (orgs are). */
export async function centerByCode(tx: Tx, code: string): Promise<{ id: string; code: string; name: string }> {
  const org = await findOrgByCode(tx, code);
  if (!org || org.kind === 'village' || org.status !== 'active') {
    throw new DomainError(queueErrors.QUEUE_ORG_NOT_FOUND, `没有区划代码为 ${code} 的服务中心，请核对 org 参数。`);
  }
  return org;
}

export async function settingsOf(tx: Tx, actor: Principal, orgId: string): Promise<SettingsView> {
  await centerInScope(tx, actor, orgId);
  return repo.findSettings(tx, orgId);
}

export async function saveSettings(
  tx: Tx,
  actor: Principal,
  body: UpdateSettingsBody,
  now: Date,
): Promise<Change<{ settings: SettingsView }>> {
  const center = await centerInScope(tx, actor, body.orgId);
  const { orgId, version, ...patch } = body;
  if (!(await repo.saveSettings(tx, orgId, version, patch, now))) {
    const current = await repo.findSettings(tx, orgId);
    throw new DomainError(commonErrors.VERSION_CONFLICT, '大厅设置已被他人修改，请刷新后重试。', { currentVersion: current.version });
  }
  const settings = await repo.findSettings(tx, orgId);
  await tickets.notifyHall(tx, orgId);
  return {
    body: { settings },
    audit: { action: 'queue.settings.save', targetType: 'org', targetId: orgId, orgId, summary: { center: center.name, ...patch } },
  };
}

export async function listCategoriesFor(tx: Tx, actor: Principal, orgId: string): Promise<CategoryView[]> {
  await centerInScope(tx, actor, orgId);
  return repo.listCategories(tx, orgId, false);
}

/** Windows must be the center's own. */
async function assertWindowsOf(tx: Tx, orgId: string, windowIds: readonly string[]): Promise<void> {
  if (windowIds.length === 0) return;
  const own = new Set((await listWindows(tx, [orgId])).map((window) => window.id));
  if (windowIds.some((id) => !own.has(id))) throw new DomainError(queueErrors.QUEUE_WINDOW_INVALID, '业务类别只能由本中心的窗口办理。');
}

export async function createCategory(
  tx: Tx,
  actor: Principal,
  body: CreateCategoryBody,
  now: Date,
): Promise<Change<{ category: CategoryView }>> {
  await centerInScope(tx, actor, body.orgId);
  await assertWindowsOf(tx, body.orgId, body.windowIds);
  const taken = () =>
    new DomainError(queueErrors.QUEUE_CATEGORY_EXISTS, `编码 ${body.code} 或号段字母 ${body.prefix} 已被本中心的其他业务类别使用。`);
  if (await repo.isCategoryTaken(tx, body.orgId, body.code, body.prefix, null)) throw taken();
  const id = await unlessTaken(repo.insertCategory(tx, body, now), taken);
  await repo.replaceCategoryWindows(tx, id, body.orgId, body.windowIds);
  const category = await repo.findCategory(tx, id);
  if (!category) throw new Error('category vanished');
  await tickets.notifyHall(tx, body.orgId);
  return {
    status: 201,
    body: { category },
    audit: {
      action: 'queue.category.create',
      targetType: 'queue_category',
      targetId: id,
      orgId: body.orgId,
      summary: { code: body.code, name: body.name, prefix: body.prefix, windows: body.windowIds.length },
    },
  };
}

export async function updateCategory(
  tx: Tx,
  actor: Principal,
  id: string,
  body: UpdateCategoryBody,
  _now: Date,
): Promise<Change<{ category: CategoryView }>> {
  const current = await repo.findCategory(tx, id);
  if (!current || !actor.scopeOrgIds.includes(current.orgId))
    throw new DomainError(queueErrors.QUEUE_CATEGORY_NOT_FOUND, '未找到该业务类别。');
  if (body.windowIds) await assertWindowsOf(tx, current.orgId, body.windowIds);
  const prefix = body.prefix ?? current.prefix;
  const isActive = (body.status ?? current.status) === 'active';
  const taken = () => new DomainError(queueErrors.QUEUE_CATEGORY_EXISTS, `号段字母 ${prefix} 已被本中心的其他业务类别使用。`);
  if (isActive && (await repo.isCategoryTaken(tx, current.orgId, null, prefix, id))) throw taken();
  const { version, windowIds, ...patch } = body;
  if (!(await unlessTaken(repo.updateCategory(tx, id, version, patch), taken))) {
    throw new DomainError(commonErrors.VERSION_CONFLICT, '业务类别已被他人修改，请刷新后重试。', {
      currentVersion: await repo.findCategoryVersion(tx, id),
    });
  }
  if (windowIds) await repo.replaceCategoryWindows(tx, id, current.orgId, windowIds);
  const category = await repo.findCategory(tx, id);
  if (!category) throw new Error('category vanished');
  await tickets.notifyHall(tx, current.orgId);
  return {
    body: { category },
    audit: {
      action: 'queue.category.update',
      targetType: 'queue_category',
      targetId: id,
      orgId: current.orgId,
      summary: { ...patch, ...(windowIds ? { windows: windowIds.length } : {}) },
    },
  };
}

/** API contract: a center's active categories with the number waiting in each today. */
export async function publicCategories(tx: Tx, code: string, now: Date) {
  const center = await centerByCode(tx, code);
  const waiting = await tickets.countWaiting(tx, center.id, businessDateOf(now));
  const categories = await repo.listCategories(tx, center.id, true);
  return {
    categories: categories.map((category) => ({
      code: category.code,
      name: category.name,
      prefix: category.prefix,
      waiting: waiting.get(category.id) ?? 0,
    })),
  };
}
