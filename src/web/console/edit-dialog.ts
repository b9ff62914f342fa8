import type { FormInstance } from 'element-plus';
import { reactive, ref, type Reactive, type Ref } from 'vue';
import { ApiError, newActionKey } from '../shared/api.ts';
import { showError, showSaved } from './feedback.ts';

/**
 * The add/edit dialog every list page has: one idempotency key per opening (a double click or a
 * retry saves once), validation before saving, the server's refusal shown as it explained it.
 * A stale edit (409, someone else saved first) closes the dialog and reloads the list, so the next
 * attempt starts from the row as it now is.
 */
export function useEditDialog<Row, Form extends object>(options: {
  fromRow: (row: Row | null) => Form;
  create: (form: Reactive<Form>, key: string, row: Row | null) => Promise<unknown>;
  update: (row: Row, form: Reactive<Form>, key: string) => Promise<unknown>;
  saved: () => Promise<void>;
  /** Whether the dialog opened for `row` makes a new record (default: opened without a row). */
  isNew?: (row: Row | null) => boolean;
}) {
  const isNew = options.isNew ?? ((row: Row | null) => row === null);
  const form = reactive(options.fromRow(null));
  const formRef = ref<FormInstance>();
  const dialog = reactive({ open: false, key: '', busy: false });
  const editing = ref(null) as Ref<Row | null>;

  function open(row: Row | null): void {
    Object.assign(form, options.fromRow(row));
    editing.value = row;
    dialog.key = newActionKey();
    dialog.open = true;
    formRef.value?.clearValidate();
  }

  async function save(): Promise<void> {
    if (dialog.busy) return;
    if (!(await formRef.value?.validate().catch(() => false))) return;
    dialog.busy = true;
    try {
      const row = editing.value;
      if (row === null || isNew(row)) await options.create(form, dialog.key, row);
      else await options.update(row, form, dialog.key);
      dialog.open = false;
      showSaved();
      await options.saved();
    } catch (error) {
      showError(error);
      if (error instanceof ApiError && error.isVersionConflict) {
        dialog.open = false;
        await options.saved();
      }
    } finally {
      dialog.busy = false;
    }
  }

  return { form, formRef, dialog, editing, open, save };
}
