import { i18n } from '../../i18n.ts';
import { mergeCaseActMessages } from '../cases/act-messages.ts';
import { mergeCasesMessages } from '../cases/messages.ts';

// Case acts (the extension requests' too), statuses and channels are named in the cases page's words: load them here too.
for (const merge of [mergeCasesMessages, mergeCaseActMessages]) {
  merge((locale, messages) => {
    i18n.global.mergeLocaleMessage(locale, messages);
  });
}

/** How an audit entry reads to a person: labels for actions, targets and summary keys (raw names when unknown). */
const t = (key: string, values: Record<string, unknown> = {}) => i18n.global.t(key, values);
const te = (key: string) => i18n.global.te(key);

/** Keys that identify rather than describe (a session id means nothing to the reader). */
const HIDDEN_KEYS = new Set(['sessionId']);
/** `staffId`, `caseIds`: row ids, which name nothing to a reader (the entry's target says what it is about). */
export const isIdKey = (key: string): boolean => /[a-z](Id|Ids)$/.test(key);

export function actionLabel(action: string): string {
  const key = `audit.actions.${action}`;
  if (te(key)) return t(key);
  if (action.startsWith('case.')) return t('audit.actions.case', { act: caseActLabel(action.slice(5)) });
  return action;
}

/** A case act (`conclude`, `step.add`) in words; the raw name only for an act no page knows yet. */
function caseActLabel(act: string): string {
  for (const key of [`audit.values.act.${act}`, `cases.actsLabels.${act}`]) if (te(key)) return t(key);
  return act;
}

/** Where a summary key's coded value is looked up (the first dictionary that knows it wins). */
const VALUE_DICTIONARIES: Record<string, readonly string[]> = {
  from: ['cases.statuses'],
  to: ['cases.statuses'],
  status: ['cases.statuses'],
  channel: ['cases.channels'],
  method: ['cases.methods'],
  act: ['audit.values.act', 'cases.actsLabels'],
  result: ['audit.values.result'],
  reason: ['audit.values.reason'],
  countedAgainst: ['audit.values.countedAgainst'],
  outcome: ['audit.values.outcome'],
  priority: ['audit.values.priority'],
  level: ['cases.warnings'],
  warning: ['cases.warnings'],
  category: ['categories'],
};

function codedValue(key: string, value: string): string | null {
  for (const dictionary of VALUE_DICTIONARIES[key] ?? []) if (te(`${dictionary}.${value}`)) return t(`${dictionary}.${value}`);
  return null;
}

export function roleLabel(role: string): string {
  return te(`roles.${role}`) ? t(`roles.${role}`) : role;
}

export function targetLabel(type: string): string {
  return te(`audit.targets.${type}`) ? t(`audit.targets.${type}`) : type;
}

function valueText(key: string, value: unknown): string {
  if (key === 'role' && typeof value === 'string') return roleLabel(value);
  if (typeof value === 'string') {
    const coded = codedValue(key, value);
    if (coded !== null) return coded;
  }
  if (typeof value === 'boolean') return t(value ? 'audit.values.yes' : 'audit.values.no');
  if (value === null) return '—';
  if (key === 'kind' && typeof value === 'string' && te(`kinds.${value}`)) return t(`kinds.${value}`);
  if (key === 'changed' && Array.isArray(value))
    return value.map((name) => (typeof name === 'string' && te(`fields.${name}`) ? t(`fields.${name}`) : String(name))).join('、');
  if (key === 'sha256' && typeof value === 'string') return `${value.slice(0, 12)}…`;
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

/** `{"username":"window1","role":"window_staff"}` → `用户名：window1；角色：窗口工作人员`. */
export function summaryText(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .filter(([key]) => !HIDDEN_KEYS.has(key) && !isIdKey(key))
    .map(([key, value]) => `${te(`audit.keys.${key}`) ? t(`audit.keys.${key}`) : key}：${valueText(key, value)}`)
    .join('；');
}
