import { ref } from 'vue';
import { useRoute } from 'vue-router';
import type { OutboxEntry, OutboxKind } from './outbox-db.js';
import { discardEntry, enqueue, refusedEntry, sendNow, type SendOutcome } from './outbox.js';

/**
 * A form that submits through the outbox (R17) and corrects what the server refused: opened with
 * `?entry=<seq>`, it shows the refused entry's values and the server's sentence; its next submit replaces
 * that entry. A refusal while the user is still on the form keeps the entry in the outbox (refused), so that
 * leaving the page loses nothing; the form then corrects it.
 */
export function useOutboxForm(kind: OutboxKind) {
  // Undefined outside a router (a component test): no entry to reopen then.
  const route = useRoute() as ReturnType<typeof useRoute> | undefined;
  /** The refused entry this form now corrects, if any. */
  const correcting = ref<number | null>(null);
  /** The server's sentence for it. */
  const serverError = ref<string | null>(null);
  /** The input field the server named (`deadline`, `hazard.title`, `photoIds`, …). */
  const serverField = ref<string | null>(null);
  const sending = ref(false);

  /** The refused entry named by `?entry=`, for the form to fill itself from `entry.form` and `entry.photos`. */
  async function reopen(): Promise<OutboxEntry | null> {
    const raw = route?.query['entry'];
    if (typeof raw !== 'string') return null;
    const entry = await refusedEntry(Number(raw), kind);
    if (!entry) return null;
    correcting.value = entry.seq!;
    serverError.value = entry.error ?? null;
    serverField.value = entry.errorField ?? null;
    return entry;
  }

  async function submit(
    title: string,
    variables: Record<string, unknown>,
    photos: Array<{ name: string; blob: Blob; id?: string }>,
    form: unknown,
    formPath: string,
  ): Promise<SendOutcome> {
    serverError.value = null;
    serverField.value = null;
    sending.value = true;
    try {
      const seq = await enqueue(kind, title, variables, photos, { form, formPath, replaces: correcting.value });
      const outcome = await sendNow(seq);
      if (outcome.state === 'refused') {
        correcting.value = seq;
        serverError.value = outcome.error;
        serverField.value = outcome.field ?? null;
      } else correcting.value = null;
      return outcome;
    } finally {
      sending.value = false;
    }
  }

  /** The user gives up on the refused entry. */
  async function discard(): Promise<void> {
    if (correcting.value != null) await discardEntry(correcting.value);
    correcting.value = null;
    serverError.value = null;
    serverField.value = null;
  }

  return { correcting, serverError, serverField, sending, reopen, submit, discard };
}
