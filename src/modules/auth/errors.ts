import { defineErrors } from '../../shared/errors.ts';

export const authErrors = defineErrors({
  AUTH_INVALID_CREDENTIALS: { status: 401, title: '用户名或密码错误' },
  AUTH_LOCKED: { status: 423, title: '账户已锁定' },
  AUTH_TOO_MANY_ATTEMPTS: { status: 429, title: '登录尝试过于频繁' },
  AUTH_WEAK_PASSWORD: { status: 400, title: '密码不符合安全要求' },
  AUTH_WRONG_CURRENT_PASSWORD: { status: 400, title: '当前密码不正确' },
});
