import { z } from 'zod';
import type { AppContext } from '../../kernel/context.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';
import { problemResponses, ProblemView, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { clientIpOf, requireStaff } from '../../kernel/scope.ts';
import { DomainError } from '../../shared/errors.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, DEVICE_COOKIE_PATH } from './device-cookie.ts';
import { ChangePasswordBody, LoginBody, LoginView, SessionUserView } from './schemas.ts';
import { logout, toSessionUser } from './service.ts';
import { changeOwnPassword, login } from './sign-in.ts';

/** A refusal until a lock is over tells the client when to come back (Retry-After, in seconds). */
function retryAfterOf(error: unknown, now: Date): string | undefined {
  if (!(error instanceof DomainError) || typeof error.extra.lockedUntil !== 'string') return undefined;
  return String(Math.max(1, Math.ceil((Date.parse(error.extra.lockedUntil) - now.getTime()) / 1000)));
}

export function authRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: '登录',
          description:
            '成功时设置 httpOnly 会话 Cookie 与设备 Cookie，并返回可用作 Bearer 令牌的 token。401 用户名或密码错误；' +
            '423 该用户名在未登录过的设备上连续失败已暂停（不存在的用户名同样如此）；429 本网络地址失败次数过多（不校验密码即拒绝）。',
          body: LoginBody,
          response: { 200: LoginView, 401: ProblemView, 423: ProblemView, 429: ProblemView },
        },
      },
      async (request, reply) => {
        try {
          const result = await login(ctx, {
            username: request.body.username,
            password: request.body.password,
            clientIp: clientIpOf(request),
            deviceCookie: request.cookies[DEVICE_COOKIE],
          });
          setSessionCookie(reply, result.token, ctx.config.isProduction);
          reply.setCookie(DEVICE_COOKIE, result.deviceCookie, {
            httpOnly: true,
            sameSite: 'strict',
            secure: ctx.config.isProduction,
            path: DEVICE_COOKIE_PATH,
            maxAge: DEVICE_COOKIE_MAX_AGE_S,
          });
          return { token: result.token, user: result.user };
        } catch (error) {
          const retryAfter = retryAfterOf(error, ctx.clock.now());
          if (retryAfter !== undefined) void reply.header('retry-after', retryAfter);
          throw error;
        }
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: '退出登录' }, config: { isAllowedBeforePasswordChange: true } },
      async (request, reply) => {
        if (request.principal) await logout(ctx, request.principal, clientIpOf(request));
        clearSessionCookie(reply);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: '当前登录用户',
          response: { 200: z.object({ user: SessionUserView }), 401: problemResponses[401], 403: problemResponses[403] },
        },
      },
      (request) => ({ user: toSessionUser(requireStaff(request)) }),
    );

    app.post(
      '/api/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: '修改本人密码',
          description:
            '当前密码错误按一次登录失败计数；达到上限（或已锁定）时本次登录随之结束（423）。初始密码未修改时，这是除退出登录外唯一可用的接口。',
          body: ChangePasswordBody,
        },
        config: { isAllowedBeforePasswordChange: true },
      },
      async (request, reply) => {
        const principal = requireStaff(request);
        try {
          await changeOwnPassword(ctx, principal, {
            currentPassword: request.body.currentPassword,
            newPassword: request.body.newPassword,
            clientIp: clientIpOf(request),
            deviceCookie: request.cookies[DEVICE_COOKIE],
          });
        } catch (error) {
          const retryAfter = retryAfterOf(error, ctx.clock.now());
          if (retryAfter !== undefined) void reply.header('retry-after', retryAfter);
          throw error;
        }
        return reply.code(204).send();
      },
    );
  };
}
