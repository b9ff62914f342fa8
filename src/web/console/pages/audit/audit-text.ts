import { i18n } from '../../i18n.ts';

/** How an audit entry reads to a person: labels for actions, targets and summary keys (raw names when unknown). */
const t = (key: string, values: Record<string, unknown> = {}) => i18n.global.t(key, values);
const te = (key: string) => i18n.global.te(key);

/** Keys that identify rather than describe (a session id means nothing to the reader). */
const HIDDEN_KEYS = new Set(['sessionId']);

export function actionLabel(action: string): string {
  const key = `audit.actions.${action}`;
  if (te(key)) return t(key);
  if (action.startsWith('case.')) return t('audit.actions.case', { act: action.slice(5) });
  return action;
}

export function roleLabel(role: string): string {
  return te(`roles.${role}`) ? t(`roles.${role}`) : role;
}

export function targetLabel(type: string): string {
  return te(`audit.targets.${type}`) ? t(`audit.targets.${type}`) : type;
}

function valueText(key: string, value: unknown): string {
  if (key === 'role' && typeof value === 'string') return roleLabel(value);
  if (key === 'kind' && typeof value === 'string' && te(`kinds.${value}`)) return t(`kinds.${value}`);
  if (key === 'changed' && Array.isArray(value))
    return value.map((name) => (typeof name === 'string' && te(`fields.${name}`) ? t(`fields.${name}`) : String(name))).join('、');
  if (key === 'sha256' && typeof value === 'string') return `${value.slice(0, 12)}…`;
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join('、');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** `{"username":"window1","role":"window_staff"}` → `用户名：window1；角色：窗口工作人员`. */
export function summaryText(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .filter(([key]) => !HIDDEN_KEYS.has(key))
    .map(([key, value]) => `${te(`audit.keys.${key}`) ? t(`audit.keys.${key}`) : key}：${valueText(key, value)}`)
    .join('；');
}
