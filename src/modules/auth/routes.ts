import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { clearSessionCookie, setSessionCookie } from '../../server/plugins/authentication.ts';
import { problemResponses, type RoutesPlugin } from '../../server/route-kit.ts';
import { clientIpOf, requireStaff } from '../../server/scope.ts';
import { ChangePasswordBody, LoginBody, LoginView, SessionUserView } from './schemas.ts';
import { changeOwnPassword, login, logout, toSessionUser } from './service.ts';

export function authRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: '登录',
          description: '成功时设置 httpOnly 会话 Cookie，并返回可用作 Bearer 令牌的 token。401 用户名或密码错误；423 账户已锁定。',
          body: LoginBody,
          response: { 200: LoginView, 401: problemResponses[401], 423: problemResponses[401] },
        },
      },
      async (request, reply) => {
        const result = await login(ctx, request.body.username, request.body.password, clientIpOf(request));
        setSessionCookie(reply, result.token, ctx.config.isProduction);
        return result;
      },
    );

    app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (request, reply) => {
      if (request.principal) await logout(ctx, request.principal, clientIpOf(request));
      clearSessionCookie(reply);
      return reply.code(204).send();
    });

    app.get(
      '/api/auth/me',
      { schema: { tags: ['auth'], summary: '当前登录用户', response: { 200: z.object({ user: SessionUserView }), 401: problemResponses[401] } } },
      (request) => ({ user: toSessionUser(requireStaff(request)) }),
    );

    app.post(
      '/api/auth/password',
      { schema: { tags: ['auth'], summary: '修改本人密码', body: ChangePasswordBody } },
      async (request, reply) => {
        const principal = requireStaff(request);
        await changeOwnPassword(ctx, principal, request.body.currentPassword, request.body.newPassword, clientIpOf(request));
        return reply.code(204).send();
      },
    );
  };
}
