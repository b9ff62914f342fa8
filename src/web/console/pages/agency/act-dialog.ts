import { ref } from 'vue';
import { ApiError, newActionKey } from '../../../shared/api.ts';
import { showError } from '../../feedback.ts';

/**
 * An act dialog on a request (接收, 返还, 改派): one idempotency key per opening, one send at a time,
 * the server's refusal shown as it explained it; a stale version closes the dialog and asks the page to
 * reload, so the next attempt starts from the request as it now is.
 */
export function useActDialog(onConflict: () => void) {
  const visible = ref(false);
  const busy = ref(false);
  let key = newActionKey();

  function show(): void {
    key = newActionKey();
    visible.value = true;
  }

  async function send<T>(act: (key: string) => Promise<T>, done: (result: T) => void): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    try {
      const result = await act(key);
      visible.value = false;
      done(result);
    } catch (error) {
      showError(error);
      if (error instanceof ApiError && error.isVersionConflict) {
        visible.value = false;
        onConflict();
      }
    } finally {
      busy.value = false;
    }
  }

  return { visible, busy, show, send };
}
