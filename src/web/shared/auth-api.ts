import type { SessionUserView } from '../../modules/auth/schemas.ts';
import { api, type Transport } from './api.ts';

/** Sign-in, "who am I", first-password change and sign-out: the same calls for the console and the agent app. */
export type SessionUser = SessionUserView;

export async function fetchSessionUser(transport: Transport = {}): Promise<SessionUser> {
  return (await api.get<{ user: SessionUser }>('/api/auth/me', transport)).user;
}

/** Sets the session cookie; the token in the answer is for other clients and is not kept. */
export async function signInWith(username: string, password: string, transport: Transport = {}): Promise<SessionUser> {
  return (await api.post<{ user: SessionUser }>('/api/auth/login', { username, password }, undefined, transport)).user;
}

export async function changePassword(currentPassword: string, newPassword: string, key?: string, transport: Transport = {}): Promise<void> {
  await api.post('/api/auth/password', { currentPassword, newPassword }, key, transport);
}

export async function signOutSession(transport: Transport = {}): Promise<void> {
  await api.post('/api/auth/logout', {}, undefined, transport);
}
