import { newActionKey } from '../shared/api.ts';
import { retimed } from './clock.ts';
import { db, type ActEntry, type OutboxEntry, type RequestBody, type RequestEntry } from './db.ts';
import { syncNow } from './outbox.ts';

/**
 * What the agent can do with an entry the server refused (被拒绝): send it again, change a registration
 * and send it again, or give it up. A refused entry is never sent again by itself; these are the ways out.
 *
 * Sent again, an entry goes under a new key (its body may differ from what was refused) and with its
 * time taken afresh: the moment it was made on the phone, by the server's clock as the phone knows it
 * now (a phone whose clock was hours off had every registration refused as "later than now").
 */

/** Acts queued on a registration that never reached the server: they wait on it, and go (or are given up) with it. */
async function actsOnDraft(draftId: string): Promise<ActEntry[]> {
  const entries = await db.outbox.where('draftId').equals(draftId).toArray();
  return entries.filter((entry): entry is ActEntry => entry.kind === 'act' && entry.requestId === null && entry.state !== 'sent');
}

function again(entry: OutboxEntry): OutboxEntry {
  const fresh = { state: 'pending' as const, detail: '', key: newActionKey() };
  switch (entry.kind) {
    case 'request':
      return {
        ...entry,
        ...fresh,
        clockKnown: true,
        body: {
          ...entry.body,
          registeredAt: retimed(entry.body.deviceTime ?? entry.createdAt),
          deviceTime: entry.body.deviceTime ?? entry.createdAt,
        },
      };
    case 'act': {
      const payload = { ...entry.payload };
      const deviceTime = typeof payload.deviceTime === 'string' ? payload.deviceTime : entry.createdAt;
      for (const field of ['notifiedAt', 'signedAt']) if (field in payload) payload[field] = retimed(deviceTime);
      return { ...entry, ...fresh, payload, triedVersion: null };
    }
    case 'decline':
    case 'consultation':
      return { ...entry, ...fresh, body: { ...entry.body, at: retimed(entry.createdAt) } };
  }
}

/** 重新发送: a refused entry goes back to 待发送 (a registration with the acts that waited on it). */
export async function resendEntry(id: string): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(id);
    if (entry?.state !== 'refused') return;
    await db.outbox.put(again(entry));
    if (entry.kind !== 'request') return;
    for (const act of await actsOnDraft(entry.id)) if (act.state === 'refused') await db.outbox.put(again(act));
  });
  void syncNow();
}

/** What the agent may change in a refused registration: where, who, and what was handed in. */
export interface RegistrationChanges {
  villageId: string;
  villageName: string;
  applicant: RequestBody['applicant'];
  materials: RequestBody['materials'];
}

/** 修改后重新发送: the registration as the agent corrected it, sent again. */
export async function correctRegistration(id: string, changes: RegistrationChanges): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(id);
    if (entry?.kind !== 'request' || entry.state !== 'refused') return;
    const corrected: RequestEntry = {
      ...entry,
      villageName: changes.villageName,
      body: { ...entry.body, villageId: changes.villageId, applicant: changes.applicant, materials: changes.materials },
    };
    await db.outbox.put(again(corrected));
    for (const act of await actsOnDraft(entry.id)) if (act.state === 'refused') await db.outbox.put(again(act));
  });
  void syncNow();
}

/** How many acts wait on a registration, which go with it if it is given up. */
export async function dependentsOf(entry: OutboxEntry): Promise<number> {
  return entry.kind === 'request' ? (await actsOnDraft(entry.id)).length : 0;
}

/** 放弃: the entry leaves the phone (a registration with the acts that waited on it); nothing of it reached the server. */
export async function discardEntry(id: string): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(id);
    if (entry?.state !== 'refused') return;
    if (entry.kind === 'request') await db.outbox.bulkDelete((await actsOnDraft(entry.id)).map((act) => act.id));
    await db.outbox.delete(id);
  });
}
