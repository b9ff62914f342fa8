import { liveQuery, type Subscription } from 'dexie';
import { computed, reactive } from 'vue';
import { isAllowed } from '../../kernel/permissions.rules.ts';
import { describeError, isPasswordChangeRequired, isUnauthorized, newActionKey } from '../shared/api.ts';
import { changePassword, fetchSessionUser, signInWith, signOutSession } from '../shared/auth-api.ts';
import { fetchAgentableItems, fetchOpenRequests, fetchProfile } from './agency-api.ts';
import {
  cacheRequests,
  db,
  readMeta,
  writeMeta,
  type AgencyRequestView,
  type AgentableItem,
  type AgentProfile,
  type OutboxEntry,
  type SessionUser,
} from './db.ts';
import { serverNow } from '../shared/server-clock.ts';
import { learnServerClock } from './clock.ts';
import { ensureDevice, storedDevice } from './device.ts';
import { VILLAGE_LINE } from './village-line.ts';

/** What the screens read: the device's copy first, refreshed from the server whenever it is reachable. */
export const state = reactive({
  online: navigator.onLine,
  /** The agent of this device (remembered, so the app opens offline). */
  user: null as SessionUser | null,
  /** The session ended on the server (or the agent signed out): sign in again; queued entries wait. */
  needsSignIn: false,
  signedOut: false,
  /**
   * Signed in on the first password an administrator set: the server answers nothing until it is changed
   * (R13), so the app shows its password page; the agent who signed in is kept here meanwhile.
   */
  passwordChangeRequired: false,
  pendingUser: null as SessionUser | null,
  profile: null as AgentProfile | null,
  items: [] as AgentableItem[],
  prefix: '',
  requests: [] as AgencyRequestView[],
  entries: [] as OutboxEntry[],
  /** False until the outbox was first read from IndexedDB: no count is shown before it is true. */
  entriesLoaded: false,
  syncing: false,
  lastSyncAt: '',
  notice: '',
  updateReady: false,
});

export const counts = computed(() => {
  const mine = state.entries;
  return {
    pending: mine.filter((entry) => entry.state === 'pending').length,
    sent: mine.filter((entry) => entry.state === 'sent').length,
    refused: mine.filter((entry) => entry.state === 'refused').length,
  };
});

export function showNotice(text: string): void {
  state.notice = text;
  setTimeout(() => {
    if (state.notice === text) state.notice = '';
  }, 4000);
}

let subscriptions: Subscription[] = [];

/** Follows the device's tables for the signed-in agent (also across tabs: Dexie broadcasts changes). */
function watchTables(username: string): void {
  for (const subscription of subscriptions) subscription.unsubscribe();
  subscriptions = [
    liveQuery(() => db.outbox.where('username').equals(username).sortBy('createdAt')).subscribe((entries) => {
      state.entries = entries;
      state.entriesLoaded = true;
    }),
    liveQuery(() => db.requests.where('username').equals(username).toArray()).subscribe((rows) => {
      state.requests = rows.map((row) => row.view).sort((a, b) => b.registeredAt.localeCompare(a.registeredAt));
    }),
  ];
}

async function loadCached(user: SessionUser): Promise<void> {
  state.user = user;
  state.profile = (await readMeta<AgentProfile>(`profile:${user.username}`)) ?? null;
  state.items = (await readMeta<AgentableItem[]>(`items:${user.username}`)) ?? [];
  state.prefix = (await storedDevice(user.username))?.prefix ?? '';
  state.lastSyncAt = (await readMeta<string>(`synced:${user.username}`)) ?? '';
  watchTables(user.username);
}

/** On start: the remembered agent at once (offline too), then the server's word on the session. */
export async function restoreSession(): Promise<void> {
  const remembered = await readMeta<SessionUser>('user');
  if (remembered) await loadCached(remembered);
  if (!navigator.onLine) return;
  try {
    const user = await fetchSessionUser(VILLAGE_LINE);
    if (remembered && remembered.username !== user.username) {
      // Another account's cookie (e.g. the console in the same browser): this app signs in on its own.
      state.needsSignIn = true;
      return;
    }
    await writeMeta('user', user);
    await loadCached(user);
    await refreshData();
  } catch (error) {
    if (isUnauthorized(error)) state.needsSignIn = true;
    if (isPasswordChangeRequired(error)) passwordChangeNeeded();
  }
}

async function enter(user: SessionUser): Promise<void> {
  await writeMeta('user', user);
  state.needsSignIn = false;
  state.signedOut = false;
  state.passwordChangeRequired = false;
  state.pendingUser = null;
  await loadCached(user);
  await refreshData();
}

export async function signIn(username: string, password: string): Promise<void> {
  const user = await signInWith(username, password, VILLAGE_LINE);
  // The phone's clock may be hours off: what it registers from now on carries the server's time.
  await learnServerClock();
  // The app is the village agent's own work (agency.agent); staff work in the console.
  if (!isAllowed('agency.agent', user.role)) throw new Error('此应用供村代办员使用；工作人员请使用工作台。');
  if (user.mustChangePassword) {
    state.pendingUser = user;
    state.needsSignIn = false;
    state.passwordChangeRequired = true;
    return;
  }
  await enter(user);
}

/** The server refused a request until the first password is changed: the password page, drafts kept. */
export function passwordChangeNeeded(): void {
  state.passwordChangeRequired = true;
}

/** Changes the first password here on the phone, then opens the app as a normal sign-in would. */
export async function changeFirstPassword(currentPassword: string, newPassword: string): Promise<void> {
  await changePassword(currentPassword, newPassword, newActionKey(), VILLAGE_LINE);
  const user = await fetchSessionUser(VILLAGE_LINE);
  await enter(user);
}

export async function signOut(): Promise<void> {
  await signOutSession(VILLAGE_LINE).catch(() => undefined);
  state.signedOut = true;
  state.needsSignIn = true;
  state.passwordChangeRequired = false;
  state.pendingUser = null;
}

/** A 401 anywhere: keep every draft, ask for the password again. */
export function sessionEnded(): void {
  state.needsSignIn = true;
}

/** The device prefix, profile, agentable items and the agent's open requests, stored for offline use. */
export async function refreshData(): Promise<void> {
  const user = state.user;
  if (!user || !navigator.onLine) return;
  try {
    const device = await ensureDevice(user.username);
    state.prefix = device.prefix;
    const [profile, items, requests] = await Promise.all([fetchProfile(), fetchAgentableItems(), fetchOpenRequests()]);
    await writeMeta(`profile:${user.username}`, profile);
    await writeMeta(`items:${user.username}`, items);
    await cacheRequests(user.username, requests, true);
    state.profile = profile;
    state.items = items;
    state.lastSyncAt = serverNow().toISOString();
    await writeMeta(`synced:${user.username}`, state.lastSyncAt);
  } catch (error) {
    if (isUnauthorized(error)) sessionEnded();
    else if (isPasswordChangeRequired(error)) passwordChangeNeeded();
    else showNotice(`刷新失败：${describeError(error)}`);
  }
}
