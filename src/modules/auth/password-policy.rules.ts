import { COMMON_PASSWORDS } from './common-passwords.ts';

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export const MAX_PASSWORD_LENGTH = 128;

/**
 * 等保 (GB/T 22239) 身份鉴别: passwords of at least 8 characters from at least 3 of the 4 classes
 * (upper, lower, digit, symbol), no well-known passwords, none containing the user name.
 * Returns every problem, in Chinese, so the person can fix them all at once.
 */
export function checkPassword(password: string, policy: PasswordPolicy, username = ''): string[] {
  const problems: string[] = [];
  if (password.length < policy.minLength) problems.push(`密码至少 ${String(policy.minLength)} 个字符`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`密码最多 ${String(MAX_PASSWORD_LENGTH)} 个字符`);
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(password)).length;
  if (classes < policy.minClasses) {
    problems.push(`密码需包含大写字母、小写字母、数字、符号中的至少 ${String(policy.minClasses)} 类`);
  }
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || COMMON_PASSWORDS.has(lowered.replace(/[^a-z0-9]/g, ''))) {
    problems.push('该密码过于常见，容易被猜中');
  }
  if (username.length >= 3 && lowered.includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  return problems;
}
