import { newActionKey } from '../shared/api.ts';
import { beijingDateOf } from '../shared/format.ts';
import { registerDevice } from './agency-api.ts';
import { db, readMeta, writeMeta } from './db.ts';
import type { DeviceView } from './types.ts';

type Device = DeviceView;

/**
 * The number prefix the server issued to this device for this agent, asked for once while online.
 * The key of that first request is stored before it is sent, so a retry after a lost answer does not
 * make the server issue a second prefix.
 */
export async function ensureDevice(username: string): Promise<Device> {
  const stored = await readMeta<Device>(`device:${username}`);
  if (stored) return stored;
  let key = await readMeta<string>(`device-key:${username}`);
  if (!key) {
    key = newActionKey();
    await writeMeta(`device-key:${username}`, key);
  }
  const device = await registerDevice(key);
  await writeMeta(`device:${username}`, device);
  return device;
}

export const storedDevice = (username: string) => readMeta<Device>(`device:${username}`);

/**
 * The next 代办编号 of this device: prefix-YYYYMMDD-seq, seq counted per day on the device in one
 * IndexedDB transaction, so two tabs never hand out the same number.
 */
export async function nextRequestNo(prefix: string, at: Date): Promise<string> {
  // The Beijing date, whatever zone the phone is set to.
  const day = beijingDateOf(at).replaceAll('-', '');
  const key = `seq:${prefix}:${day}`;
  const seq = await db.transaction('rw', db.meta, async () => {
    const current = ((await db.meta.get(key))?.value as number | undefined) ?? 0;
    await db.meta.put({ key, value: current + 1 });
    return current + 1;
  });
  return `${prefix}-${day}-${String(seq).padStart(3, '0')}`;
}
