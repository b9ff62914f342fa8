import { Dexie, type EntityTable } from 'dexie';
import type { AgentAct } from './labels.ts';
import type { AgencyRequestView, AgentableItem, AgentProfile, CreateRequestBody, SessionUser } from './types.ts';

export type { AgencyRequestView, AgentableItem, AgentProfile, SessionUser };

/** 待发送 / 已发送 / 被拒绝: an outbox entry is only `sent` once the server confirmed it and all its files. */
export type OutboxState = 'pending' | 'sent' | 'refused';

/** A photo (or a signature) waiting on the device, with the key its upload is retried under. */
export interface PhotoRecord {
  key: string;
  materialName: string;
  name: string;
  blob: Blob;
  /** Set once the server stored it; a later retry of the request reuses it instead of uploading again. */
  fileId: string | null;
}

interface EntryBase {
  id: string;
  /** Whose entry: a shared village phone may be signed into by another agent later. */
  username: string;
  /** The idempotency key made on the device when the entry was created, reused on every retry (a new one once the agent re-sends it). */
  key: string;
  /** The phone's own clock when the entry was made: the order entries go in, and evidence; never what the server judges. */
  createdAt: string;
  /** The same moment by the server's clock as the phone knew it then (shown to the agent); absent in entries of older versions. */
  at?: string;
  state: OutboxState;
  /** The server's Chinese detail for a refusal, or the last transient failure of a pending entry. */
  detail: string;
  attempts: number;
  lastTriedAt: string | null;
  sentAt: string | null;
}

/** What the device sends, before the uploads fill in the file ids. */
export type RequestBody = Omit<CreateRequestBody, 'materials'> & { materials: { name: string; received: boolean }[] };

export interface RequestEntry extends EntryBase {
  kind: 'request';
  requestNo: string;
  body: RequestBody;
  photos: PhotoRecord[];
  /** For the list while the server has not seen it. */
  villageName: string;
  itemName: string;
  serverId: string | null;
  /**
   * Whether the phone knew the server's clock when the registration was made. If not, its time is
   * settled from the phone's clock and the offset learned before it is first sent.
   */
  clockKnown?: boolean;
}

export interface ActEntry extends EntryBase {
  kind: 'act';
  act: AgentAct;
  requestNo: string;
  /** The server's id, or null while the act waits on a draft registered offline (see draftId). */
  requestId: string | null;
  draftId: string | null;
  /** The act's fields without `version`: the version is read when the act is sent. */
  payload: Record<string, unknown>;
  signature: PhotoRecord | null;
  /** The version the act was last sent with: tried first again, so a lost answer is replayed, not redone. */
  triedVersion: number | null;
}

export interface FormEntry extends EntryBase {
  kind: 'decline' | 'consultation';
  body: Record<string, unknown>;
  summary: string;
}

export type OutboxEntry = RequestEntry | ActEntry | FormEntry;

interface MetaRow {
  key: string;
  value: unknown;
}

interface CachedRequest {
  id: string;
  username: string;
  view: AgencyRequestView;
}

/** The agent's phone keeps everything in IndexedDB so a reload, a dead battery or a week offline loses nothing. */
class AgentDb extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;
  requests!: EntityTable<CachedRequest, 'id'>;

  constructor() {
    super('yizhan-agent');
    this.version(1).stores({
      meta: 'key',
      outbox: 'id, username, state, createdAt, draftId',
      requests: 'id, username',
    });
  }
}

export const db = new AgentDb();

export async function readMeta<T>(key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function writeMeta(key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/**
 * Stores what the server returned. With `openList`, rows the open list no longer holds are dropped,
 * except signed ones: they left the open list because they are finished and stay visible as such.
 */
export async function cacheRequests(username: string, views: readonly AgencyRequestView[], openList = false): Promise<void> {
  await db.transaction('rw', db.requests, async () => {
    if (openList) {
      const kept = new Set(views.map((view) => view.id));
      await db.requests
        .where('username')
        .equals(username)
        .filter((row) => !kept.has(row.id) && row.view.status !== 'signed')
        .delete();
    }
    // A replayed answer (same idempotency key) is the request as it was then: never let it replace a newer copy.
    const cached = await db.requests.bulkGet(views.map((view) => view.id));
    const newer = openList ? views : views.filter((view, index) => (cached[index]?.view.version ?? -1) <= view.version);
    await db.requests.bulkPut(newer.map((view) => ({ id: view.id, username, view })));
  });
}

export async function cachedRequest(id: string): Promise<AgencyRequestView | undefined> {
  return (await db.requests.get(id))?.view;
}
