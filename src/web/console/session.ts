import { ref } from 'vue';
import { api, ApiError, PASSWORD_CHANGE_REQUIRED } from '../shared/api.ts';

export type Role = 'county_admin' | 'director' | 'window_staff' | 'reviewer' | 'agent' | 'supervisor';
export type OrgKind = 'county' | 'township' | 'village';

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  mustChangePassword: boolean;
}

/** The signed-in staff member, or null. */
export const currentUser = ref<SessionUser | null>(null);

/**
 * Signed in, but the server answers nothing until the first password is changed (R13). Also true after a
 * reload, when the server will not even say who is signed in (`currentUser` is then null).
 */
export const isPasswordChangeRequired = ref(false);

export async function loadSession(): Promise<SessionUser | null> {
  try {
    currentUser.value = (await api.get<{ user: SessionUser }>('/api/auth/me')).user;
    isPasswordChangeRequired.value = currentUser.value.mustChangePassword;
  } catch (error) {
    currentUser.value = null;
    isPasswordChangeRequired.value = error instanceof ApiError && error.code === PASSWORD_CHANGE_REQUIRED;
  }
  return currentUser.value;
}

export async function signIn(username: string, password: string): Promise<SessionUser> {
  const { user } = await api.post<{ user: SessionUser }>('/api/auth/login', { username, password });
  currentUser.value = user;
  isPasswordChangeRequired.value = user.mustChangePassword;
  return user;
}

/** Ends the session; the console forgets the user even when the server cannot be reached. */
export async function signOut(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } finally {
    currentUser.value = null;
    isPasswordChangeRequired.value = false;
  }
}

/** A `next` query value that is a path inside the console (never another site). */
export function safeNextPath(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
