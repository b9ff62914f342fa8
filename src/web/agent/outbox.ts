import {
  ApiError,
  describeError,
  isNetworkFailure,
  isPasswordChangeRequired,
  isRetryable,
  isUnauthorized,
  newActionKey,
} from '../shared/api.ts';
import { actOnRequest, createRequest, fetchRequest, recordForm } from './agency-api.ts';
import {
  cachedRequest,
  cacheRequests,
  db,
  type ActEntry,
  type AgencyRequestView,
  type OutboxEntry,
  type PhotoRecord,
  type RequestEntry,
} from './db.ts';
import { isServerClockKnown, serverNow, serverTimeAt } from '../shared/server-clock.ts';
import { learnServerClock } from './clock.ts';
import { nextRequestNo } from './device.ts';
import { uploadFile } from './files-api.ts';
import { ACT_LABELS, agentActsIn } from './labels.ts';
import { passwordChangeNeeded, refreshData, sessionEnded, state } from './store.ts';

/** A refusal decided on the device (e.g. the draft an act hangs on was refused): shown like the server's. */
class Refusal extends Error {}
/** The entry cannot go yet (an act whose draft is still pending); nothing failed. */
class Waiting extends Error {}

const SYNC_EVERY_MS = 30_000;
/** When the phone tried or sent something, by the server's clock (shown to the agent). */
const now = () => serverNow().toISOString();

/** Dexie types updates by the fields all kinds share; this writes fields of one kind. */
async function patch<T extends OutboxEntry>(entry: T, changes: Partial<T>): Promise<void> {
  await db.outbox.update(entry.id, (row) => {
    Object.assign(row, changes);
  });
}

async function markSent<T extends OutboxEntry>(entry: T, extra: Partial<T> = {}): Promise<void> {
  await patch(entry, { ...extra, state: 'sent', detail: '', sentAt: now(), attempts: entry.attempts + 1, lastTriedAt: now() });
}

async function markRefused(entry: OutboxEntry, detail: string): Promise<void> {
  await db.outbox.update(entry.id, { state: 'refused', detail, attempts: entry.attempts + 1, lastTriedAt: now() });
}

async function markFailedAttempt(entry: OutboxEntry, detail: string): Promise<void> {
  await db.outbox.update(entry.id, { detail: `上次尝试未成功：${detail}`, attempts: entry.attempts + 1, lastTriedAt: now() });
}

/** Uploads a photo once; its file id is stored at once so a later retry never uploads it again. */
async function uploaded(entry: OutboxEntry, photo: PhotoRecord, save: (photo: PhotoRecord) => Promise<void>): Promise<string> {
  if (photo.fileId !== null) return photo.fileId;
  try {
    const file = await uploadFile(photo.blob, photo.name, photo.key);
    await save({ ...photo, fileId: file.id });
    return file.id;
  } catch (error) {
    if (isRetryable(error) || isUnauthorized(error) || isPasswordChangeRequired(error)) throw error;
    throw new Refusal(`「${photo.materialName}」的照片未能上传：${describeError(error)}`);
  }
}

/**
 * A registration made before the phone knew the server's clock (a new phone, cleared storage) takes its
 * time from the phone's clock and the offset learned since, once, before it is first sent: after that
 * the body stays as it was sent, so a retry under the same key is the same request.
 */
async function settleTime(entry: RequestEntry): Promise<RequestEntry> {
  if (entry.clockKnown === true || entry.attempts > 0 || !isServerClockKnown()) return entry;
  const deviceTime = entry.body.deviceTime ?? entry.createdAt;
  const body = { ...entry.body, registeredAt: serverTimeAt(new Date(deviceTime)).toISOString(), deviceTime };
  await patch(entry, { body, clockKnown: true });
  return { ...entry, body, clockKnown: true };
}

async function sendRequest(pending: RequestEntry, renumbered = false): Promise<void> {
  const entry = await settleTime(pending);
  const photos = [...entry.photos];
  for (const [index, photo] of photos.entries()) {
    await uploaded(entry, photo, async (stored) => {
      photos[index] = stored;
      await patch(entry, { photos: [...photos] });
    });
  }
  const materials = entry.body.materials.map((material) => {
    const fileId = photos.find((photo) => photo.materialName === material.name)?.fileId;
    return fileId ? { ...material, fileId } : material;
  });
  let view: AgencyRequestView;
  try {
    // The same key and the same body on every retry: a replay returns the request the server already made.
    view = await createRequest({ ...entry.body, materials }, entry.key);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'AGENCY_REQUEST_NO_TAKEN') || renumbered) throw error;
    // Another registration has this number (the phone's counter was reset): the next number, under a new key.
    const prefix = entry.requestNo.split('-')[0] ?? '';
    const requestNo = await nextRequestNo(prefix, new Date(entry.body.registeredAt));
    const changes = { requestNo, key: newActionKey(), body: { ...entry.body, requestNo }, photos };
    await patch(entry, changes);
    await sendRequest({ ...entry, ...changes }, true);
    return;
  }
  await cacheRequests(entry.username, [view]);
  await markSent(entry, { serverId: view.id });
}

async function targetOf(entry: ActEntry): Promise<string> {
  if (entry.requestId !== null) return entry.requestId;
  const draft = entry.draftId === null ? undefined : await db.outbox.get(entry.draftId);
  if (draft?.kind !== 'request') throw new Refusal('找不到这项操作对应的代办登记');
  if (draft.state === 'refused') throw new Refusal('对应的代办登记被拒绝，此操作无法办理');
  if (draft.state !== 'sent' || draft.serverId === null) throw new Waiting();
  await patch(entry, { requestId: draft.serverId });
  return draft.serverId;
}

/**
 * An act carries the version it was sent with, and its key is the entry's key plus that version: a
 * retry with the same version replays (so a lost answer is not applied twice), and after a version
 * conflict the act is re-read and sent on top of the new version, as long as that status still allows it.
 */
async function sendAct(entry: ActEntry): Promise<void> {
  const requestId = await targetOf(entry);
  let signatureFileId: string | undefined;
  if (entry.signature) {
    signatureFileId = await uploaded(entry, entry.signature, async (signature) => {
      await patch(entry, { signature });
    });
  }
  let view = (await cachedRequest(requestId)) ?? (await fetchRequest(requestId));
  let version = entry.triedVersion ?? view.version;
  for (let attempt = 0; attempt < 4; attempt++) {
    const isReplay = version === entry.triedVersion;
    if (!isReplay && !agentActsIn(view.status).includes(entry.act)) {
      throw new Refusal(`代办件现为「${view.statusLabel}」，不能再${ACT_LABELS[entry.act]}`);
    }
    await patch(entry, { triedVersion: version });
    entry.triedVersion = version;
    try {
      const body = { ...entry.payload, version, ...(signatureFileId === undefined ? {} : { signatureFileId }) };
      const updated = await actOnRequest(requestId, entry.act, body, `${entry.key}.v${String(version)}`);
      await cacheRequests(entry.username, [updated]);
      await markSent(entry, { requestId });
      return;
    } catch (error) {
      if (!(error instanceof ApiError && error.isVersionConflict)) throw error;
      view = await fetchRequest(requestId);
      await cacheRequests(entry.username, [view]);
      version = view.version;
    }
  }
  throw new Error('代办件正被频繁修改，稍后自动重试');
}

async function sendForm(entry: OutboxEntry & { kind: 'decline' | 'consultation' }): Promise<void> {
  await recordForm(entry.kind, entry.body, entry.key);
  await markSent(entry);
}

function send(entry: OutboxEntry): Promise<void> {
  switch (entry.kind) {
    case 'request':
      return sendRequest(entry);
    case 'act':
      return sendAct(entry);
    case 'decline':
    case 'consultation':
      return sendForm(entry);
  }
}

/** Which request an entry belongs to: entries of one request go in the order they were made. */
const chainOf = (entry: OutboxEntry): string | null =>
  entry.kind === 'request' ? entry.id : entry.kind === 'act' ? (entry.draftId ?? entry.requestId) : null;

/** Sends the signed-in agent's pending entries, oldest first: how many went, and whether the server is still reachable. */
async function drain(username: string): Promise<{ reachable: boolean; tried: number }> {
  const pending = await db.outbox
    .where('username')
    .equals(username)
    .filter((entry) => entry.state === 'pending')
    .sortBy('createdAt');
  const held = new Set<string>();
  let tried = 0;
  for (const queued of pending) {
    const entry = await db.outbox.get(queued.id);
    if (entry?.state !== 'pending') continue;
    const chain = chainOf(entry);
    if (chain !== null && held.has(chain)) continue;
    tried += 1;
    try {
      await send(entry);
    } catch (error) {
      if (chain !== null) held.add(chain);
      if (error instanceof Waiting) continue;
      if (error instanceof Refusal) {
        await markRefused(entry, error.message);
      } else if (isUnauthorized(error)) {
        sessionEnded();
        return { reachable: false, tried };
      } else if (isPasswordChangeRequired(error)) {
        // Not a refusal of the entry: it is sent once the password is changed.
        passwordChangeNeeded();
        return { reachable: false, tried };
      } else if (isRetryable(error)) {
        await markFailedAttempt(entry, describeError(error));
        if (isNetworkFailure(error)) return { reachable: false, tried };
      } else {
        // 4xx: the server refused it for good (its detail says why); it stays in the list, never resent by itself.
        await markRefused(entry, describeError(error));
      }
    }
  }
  return { reachable: true, tried };
}

let running: Promise<void> | null = null;

/**
 * `refresh`: also read the profile, items and requests again. The 30-second timer asks for it only
 * after it sent something, so an idle phone makes no requests and its session ends after 30 minutes
 * idle as the server intends.
 */
async function syncOnce(refresh: boolean): Promise<void> {
  const user = state.user;
  if (!user || state.needsSignIn || state.passwordChangeRequired || !navigator.onLine) return;
  state.syncing = true;
  try {
    const work = async () => {
      // The server's clock first, whenever there is something to send or to read: what is sent carries its time.
      // An idle phone asks nothing (its session may end after 30 minutes idle, as the server intends).
      const hasPending =
        (await db.outbox
          .where('username')
          .equals(user.username)
          .filter((entry) => entry.state === 'pending')
          .count()) > 0;
      if (refresh || hasPending) await learnServerClock();
      const { reachable, tried } = await drain(user.username);
      if (reachable && (refresh || tried > 0)) await refreshData();
    };
    // One tab sends at a time (the keys would make a double send harmless, but not free).
    if ('locks' in navigator) await navigator.locks.request('yizhan-agent-outbox', work);
    else await work();
  } finally {
    state.syncing = false;
  }
}

/** The one sync asked for while another ran, and whether any of its callers asked for a refresh. */
let queued: Promise<void> | null = null;
let isRefreshQueued = false;

/**
 * Sends what is waiting now (and refreshes the data, unless `refresh` is false). A call while a sync
 * runs gets one more sync right after it, shared by every such call: the running one may have read
 * the outbox before the entry just saved, which would otherwise wait for the 30-second timer.
 */
export function syncNow(refresh = true): Promise<void> {
  if (running) {
    isRefreshQueued ||= refresh;
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        const again = isRefreshQueued;
        queued = null;
        isRefreshQueued = false;
        return syncNow(again);
      });
    return queued;
  }
  running = syncOnce(refresh).finally(() => {
    running = null;
  });
  return running;
}

/** Syncs on start, whenever the connection comes back, and every 30 s. */
export function startAutoSync(): void {
  const onOnline = () => {
    state.online = true;
    void syncNow();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', () => {
    state.online = false;
  });
  setInterval(() => {
    state.online = navigator.onLine;
    void syncNow(false);
  }, SYNC_EVERY_MS);
  void syncNow();
}
