import type { Ref } from 'vue';
import { newActionKey } from '../shared/api.ts';
import { deviceNow, isServerClockKnown, serverNow, serverTimeAt } from '../shared/server-clock.ts';
import { db, type ActEntry, type FormEntry, type PhotoRecord, type RequestBody, type RequestEntry } from './db.ts';
import { nextRequestNo } from './device.ts';
import type { AgentAct } from './labels.ts';
import { syncNow } from './outbox.ts';
import { showNotice, state } from './store.ts';

function base(username: string, device: Date) {
  return {
    id: newActionKey(),
    username,
    key: newActionKey(),
    createdAt: device.toISOString(),
    at: serverTimeAt(device).toISOString(),
    state: 'pending' as const,
    detail: '',
    attempts: 0,
    lastTriedAt: null,
    sentAt: null,
  };
}

function currentUsername(): string {
  if (!state.user) throw new Error('请先登录');
  return state.user.username;
}

export interface DraftInput {
  villageId: string;
  villageName: string;
  itemCode: string;
  itemName: string;
  applicant: { name: string; idNumber: string; phone: string; address: string };
  situations: string[];
  materials: { name: string; received: boolean }[];
  photos: { materialName: string; blob: Blob }[];
}

/**
 * Saves a registration as a draft on the device first (待发送), with its own keys: one for the
 * request, one per photo. Then tries to send it; offline it simply waits. Its time and the date in
 * its number are the server's (as the phone knows its clock); the phone's own time goes along as evidence.
 */
export async function saveDraft(input: DraftInput): Promise<RequestEntry> {
  const username = currentUsername();
  if (state.prefix === '') throw new Error('本机还没有代办编号前缀，请联网登录一次');
  const device = deviceNow();
  const registeredAt = serverTimeAt(device);
  const requestNo = await nextRequestNo(state.prefix, registeredAt);
  const body: RequestBody = {
    requestNo,
    villageId: input.villageId,
    itemCode: input.itemCode,
    applicant: { type: 'person', ...input.applicant },
    consent: true,
    situations: input.situations,
    materials: input.materials,
    registeredAt: registeredAt.toISOString(),
    deviceTime: device.toISOString(),
  };
  const photos: PhotoRecord[] = input.photos.map((photo, index) => ({
    key: newActionKey(),
    materialName: photo.materialName,
    name: `${requestNo}-${String(index + 1)}.jpg`,
    blob: photo.blob,
    fileId: null,
  }));
  const entry: RequestEntry = {
    ...base(username, device),
    clockKnown: isServerClockKnown(),
    kind: 'request',
    requestNo,
    body,
    photos,
    villageName: input.villageName,
    itemName: input.itemName,
    serverId: null,
  };
  await db.outbox.add(entry);
  void syncNow();
  return entry;
}

/** The request an act is about: on the server already, or still a draft on the device. */
export interface ActTarget {
  requestNo: string;
  title: string;
  requestId: string | null;
  draftId: string | null;
}

export interface ActInput {
  act: AgentAct;
  requestNo: string;
  requestId: string | null;
  draftId: string | null;
  payload: Record<string, unknown>;
  signature: Blob | null;
}

/** An act on a request, queued like a draft; the version is read when it is sent. */
export async function queueAct(input: ActInput): Promise<ActEntry> {
  const username = currentUsername();
  const signature: PhotoRecord | null = input.signature
    ? { key: newActionKey(), materialName: '申请人签名', name: `${input.requestNo}-签名.png`, blob: input.signature, fileId: null }
    : null;
  const entry: ActEntry = {
    ...base(username, deviceNow()),
    kind: 'act',
    act: input.act,
    requestNo: input.requestNo,
    requestId: input.requestId,
    draftId: input.draftId,
    payload: input.payload,
    signature,
    triedVersion: null,
  };
  await db.outbox.add(entry);
  void syncNow();
  return entry;
}

/** 不能代办登记 / 咨询登记: the moment is taken on the device, so a late send keeps the real time. */
export async function queueForm(kind: FormEntry['kind'], body: Record<string, unknown>, summary: string): Promise<FormEntry> {
  const entry: FormEntry = { ...base(currentUsername(), deviceNow()), kind, body: { ...body, at: serverNow().toISOString() }, summary };
  await db.outbox.add(entry);
  void syncNow();
  return entry;
}

/**
 * Saves a form to the device (the outbox sends it), one save at a time, and tells the agent where it
 * stands; `save` names what was kept. False when it could not be kept (the reason is shown).
 */
export async function keepOnDevice(busy: Ref<boolean>, save: () => Promise<string>): Promise<boolean> {
  if (busy.value) return false;
  busy.value = true;
  try {
    const what = await save();
    showNotice(`已保存${what}，${state.online ? '正在发送' : '联网后自动发送'}`);
    return true;
  } catch (error) {
    showNotice(error instanceof Error ? error.message : String(error));
    return false;
  } finally {
    busy.value = false;
  }
}
