import { ref } from 'vue';
import type { OrgKind, Role } from '../../kernel/context.ts';
import { isAllowed, type Permission } from '../../kernel/permissions.rules.ts';
import { isPasswordChangeRequired as isFirstPasswordRefusal } from '../shared/api.ts';
import { changePassword, fetchSessionUser, signInWith, signOutSession, type SessionUser } from '../shared/auth-api.ts';

export type { OrgKind, Role, SessionUser };

/** The signed-in staff member, or null. */
export const currentUser = ref<SessionUser | null>(null);

/**
 * Signed in, but the server answers nothing until the first password is changed (R13). Also true after a
 * reload, when the server will not even say who is signed in (`currentUser` is then null).
 */
export const isPasswordChangeRequired = ref(false);

/**
 * Whether the signed-in person's role holds a permission, by the server's own table
 * (kernel/permissions.rules.ts); which orgs it reaches is still the server's to decide.
 */
export function can(permission: Permission): boolean {
  const role = currentUser.value?.role;
  return role !== undefined && isAllowed(permission, role);
}

export async function loadSession(): Promise<SessionUser | null> {
  try {
    currentUser.value = await fetchSessionUser();
    isPasswordChangeRequired.value = currentUser.value.mustChangePassword;
  } catch (error) {
    currentUser.value = null;
    isPasswordChangeRequired.value = isFirstPasswordRefusal(error);
  }
  return currentUser.value;
}

export async function signIn(username: string, password: string): Promise<SessionUser> {
  const user = await signInWith(username, password);
  currentUser.value = user;
  isPasswordChangeRequired.value = user.mustChangePassword;
  return user;
}

/** Changes the signed-in person's password; after a reload on the first password the server then says who it is. */
export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  await changePassword(currentPassword, newPassword);
  isPasswordChangeRequired.value = false;
  await loadSession();
}

/** Ends the session; the console forgets the user even when the server cannot be reached. */
export async function signOut(): Promise<void> {
  try {
    await signOutSession();
  } finally {
    currentUser.value = null;
    isPasswordChangeRequired.value = false;
  }
}

/** A `next` query value that is a path inside the console (never another site). */
export function safeNextPath(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
