import type { FormItemRule } from 'element-plus';
import { isPhoneNumber } from '../../shared/identity.ts';
import { i18n } from './i18n.ts';

/**
 * Form checks shared by the console's dialogs, with messages in the current language. They mirror
 * the server's rules so a person learns of a mistake before saving; the server still decides.
 */
const t = (key: string, values: Record<string, unknown> = {}) => i18n.global.t(key, values);

type Check = (value: string) => string | null;

function ruleOf(check: Check, trigger: 'blur' | 'change' = 'blur'): FormItemRule {
  return {
    trigger,
    validator: (_rule, value: unknown, callback) => {
      const problem = check(typeof value === 'string' ? value.trim() : '');
      if (problem === null) callback();
      else callback(new Error(problem));
    },
  };
}

export function requiredRule(messageKey: string, trigger: 'blur' | 'change' = 'change'): FormItemRule {
  return ruleOf((value) => (value === '' ? t(messageKey) : null), trigger);
}

/** 统计用区划代码: 12 digits, beginning with the parent's level (county 6 digits, township 9). */
export function divisionCodeRule(prefix: () => string): FormItemRule {
  return ruleOf((value) => {
    if (!/^\d{12}$/.test(value)) return t('validation.code12');
    const start = prefix();
    return value.startsWith(start) ? null : t('validation.codeUnder', { prefix: start });
  });
}

export function lengthRule(min: number, max: number, messageKey = 'validation.name'): FormItemRule {
  return ruleOf((value) => (value.length >= min && value.length <= max ? null : t(messageKey, { min, max })));
}

/** Empty is allowed (the phone is optional); otherwise a mobile or a landline with area code. */
export function phoneRule(): FormItemRule {
  return ruleOf((value) => (value === '' || isPhoneNumber(value) ? null : t('validation.phone')));
}

export interface OfficeHours {
  from: string;
  to: string;
}

const RANGE = /^([01]\d|2[0-3]):[0-5]\d[-–~至]([01]\d|2[0-3]):[0-5]\d$/;

/** `08:30-12:00, 15:00-18:00` → ranges; null when a part is not a range or the ranges are out of order. */
export function parseOfficeHours(text: string): OfficeHours[] | null {
  const parts = text
    .replace(/\s*([-–~至])\s*/g, '$1')
    .split(/[,，;；、\s]+/)
    .filter(Boolean);
  const ranges: OfficeHours[] = [];
  for (const part of parts) {
    if (!RANGE.test(part)) return null;
    const [from = '', to = ''] = part.split(/[-–~至]/);
    const previous = ranges.at(-1);
    if (from >= to || (previous !== undefined && from < previous.to)) return null;
    ranges.push({ from, to });
  }
  return ranges;
}

export function formatOfficeHours(ranges: readonly OfficeHours[]): string {
  return ranges.map((range) => `${range.from}-${range.to}`).join(', ');
}

export function officeHoursRule(): FormItemRule {
  return ruleOf((value) => (parseOfficeHours(value) === null ? t('validation.hours') : null));
}

export function usernameRule(): FormItemRule {
  return ruleOf((value) => (/^[a-z][a-z0-9_.-]{2,31}$/.test(value) ? null : t('validation.username')));
}

/** 等保 password policy as the server applies it by default: ≥ 8 characters from ≥ 3 of 4 classes. */
export function isStrongEnough(password: string): boolean {
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(password)).length;
  return password.length >= 8 && password.length <= 128 && classes >= 3;
}

export function passwordRule(): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: unknown, callback) => {
      if (typeof value === 'string' && isStrongEnough(value)) callback();
      else callback(new Error(t('validation.password')));
    },
  };
}
