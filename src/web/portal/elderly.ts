import { ref, watch } from 'vue';

const KEY = 'yizhan.portal.elderly';

/** 长辈模式: larger type and touch targets, remembered on this device. */
export const isElderly = ref(readStored());

function readStored(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function applyElderlyMode(): void {
  const apply = (on: boolean) => {
    document.documentElement.classList.toggle('elderly', on);
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch {
      // Private browsing: the choice lasts for this visit only.
    }
  };
  apply(isElderly.value);
  watch(isElderly, apply);
}
