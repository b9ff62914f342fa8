import { ref, type Ref } from 'vue';
import { fetchDisplay, streamUrl, type Display } from './hall-api.ts';

/**
 * The hall screen's data, live: an EventSource on the center's stream (it reconnects by itself; the
 * server says after 2 s), with a plain read first so the screen is never blank, and `isLive` false
 * while the connection is down (the screen shows it, so staff notice a dead screen).
 */
export function useHallDisplay(org: string): { display: Ref<Display | null>; isLive: Ref<boolean>; stop: () => void } {
  const display = ref<Display | null>(null);
  const isLive = ref(false);
  fetchDisplay(org)
    .then((view) => {
      display.value ??= view;
    })
    .catch(() => undefined);
  const source = new EventSource(streamUrl(org));
  source.addEventListener('display', (event) => {
    display.value = JSON.parse((event as MessageEvent<string>).data) as Display;
    isLive.value = true;
  });
  source.addEventListener('error', () => {
    isLive.value = false;
  });
  return {
    display,
    isLive,
    stop: () => {
      source.close();
    },
  };
}

/** The server's clock as the screen last heard it, moved on by the time since: the wall clock on the TV. */
export function serverNow(display: Display | null, receivedAt: number, now: number): Date {
  return display ? new Date(new Date(display.now).getTime() + (now - receivedAt)) : new Date(now);
}
