import { ElMessage, ElMessageBox } from 'element-plus';
import { ApiError, type FieldError } from '../shared/api.ts';
import { i18n } from './i18n.ts';

const t = (key: string, values: Record<string, unknown> = {}) => i18n.global.t(key, values);

/** `body.officeHours.0.from` → 办公时间: the field's label when the console knows it. */
function fieldLabel(path: string): string {
  const name =
    path.split('.').find((part) => part !== 'body' && part !== 'querystring' && part !== 'params' && !/^\d+$/.test(part)) ?? path;
  const key = `fields.${name}`;
  return i18n.global.te(key) ? t(key) : name;
}

function describeFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((error) => `${fieldLabel(error.path)}：${error.message}`).join('；');
}

/** The words shown for a refused request: the reload hint for a stale edit, else the server's own explanation. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isVersionConflict) return t('common.conflict');
    return error.errors.length > 0 ? describeFieldErrors(error.errors) : error.detail;
  }
  return error instanceof Error ? error.message : String(error);
}

/** True for the value ElMessageBox rejects with when the person chose not to go ahead. */
export function isCancelled(error: unknown): boolean {
  return error === 'cancel' || error === 'close';
}

/** Shows a refused request the way the server explained it; a cancelled confirmation shows nothing. */
export function showError(error: unknown): void {
  if (isCancelled(error)) return;
  ElMessage.error({ message: messageOf(error), duration: 5000, showClose: true, grouping: true });
}

export function showSaved(): void {
  ElMessage.success({ message: t('common.saved'), grouping: true });
}

/** Asks before an act that cannot simply be undone; resolves false when the person cancels. */
export async function confirmAct(message: string, title: string, type: 'warning' | 'info' = 'warning'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { type, confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel') });
    return true;
  } catch (error) {
    if (isCancelled(error)) return false;
    throw error;
  }
}
