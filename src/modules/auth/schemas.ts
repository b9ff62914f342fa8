import { z } from 'zod';
import { ORG_KINDS, ROLES } from '../../kernel/context.ts';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128, '密码最多 128 个字符'),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionUserView = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  orgId: z.string(),
  orgName: z.string(),
  orgKind: z.enum(ORG_KINDS),
  mustChangePassword: z.boolean(),
});
export type SessionUserView = z.infer<typeof SessionUserView>;

export const LoginView = z.object({ token: z.string(), user: SessionUserView });

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(128),
  newPassword: z.string().min(1, '请输入新密码').max(128, '密码最多 128 个字符'),
});
