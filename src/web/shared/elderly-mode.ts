import { ref, watch } from 'vue';

const STORAGE_KEY = 'yizhan.elderly';

/** How much wider table columns become with the larger type. */
const WIDTH_FACTOR = 1.45;

function readStored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

/** 适老化: large type, larger controls and stronger contrast, remembered on this device. */
export const isElderlyMode = ref(readStored());

function apply(isOn: boolean): void {
  document.documentElement.classList.toggle('elderly', isOn);
  try {
    localStorage.setItem(STORAGE_KEY, isOn ? '1' : '0');
  } catch {
    // Private browsing may refuse storage; the mode still applies to this visit.
  }
}

apply(isElderlyMode.value);
watch(isElderlyMode, apply);

/** A table column width (px) that grows with the type in elderly mode. */
export function columnWidth(px: number): number {
  return isElderlyMode.value ? Math.round(px * WIDTH_FACTOR) : px;
}
