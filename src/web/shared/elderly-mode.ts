import { ref, watch } from 'vue';

/**
 * 适老化 / 长辈模式: large type, larger controls and stronger contrast, for the portal, the console and
 * the agent app alike. One choice per device: the three apps share this origin, so one key serves all.
 * Imported for its effect by each app's entry, before the first paint.
 */
const STORAGE_KEY = 'yizhan.elderly';
/** The portal's own key before the apps shared one: read once, so a resident's choice is kept. */
const FORMER_PORTAL_KEY = 'yizhan.portal.elderly';

/** How much wider table columns become with the larger type. */
const WIDTH_FACTOR = 1.45;

function readStored(): boolean {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    const former = localStorage.getItem(FORMER_PORTAL_KEY);
    if (former !== null) {
      localStorage.removeItem(FORMER_PORTAL_KEY);
      // A choice made under the shared key is the newer one; otherwise the portal's carries over.
      if (stored === null) {
        localStorage.setItem(STORAGE_KEY, former);
        return former === '1';
      }
    }
    return stored === '1';
  } catch {
    return false;
  }
}

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
