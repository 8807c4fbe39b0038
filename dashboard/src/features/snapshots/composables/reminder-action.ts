import type { OperationVariables, TypedDocumentNode } from '@apollo/client/core';
import { useMutation } from '@vue/apollo-composable';
import { computed, ref } from 'vue';
import { useRefusal } from '../../../shared/refusal.js';
import { toast } from '../../../shared/toast.js';
import { useViewer } from '../../auth/composables/viewer.js';

/** What the page says once the server answered: made now (success), or it was already there (info). */
export interface ReminderWord {
  kind: 'success' | 'info';
  text: string;
}

/**
 * A "do it now" button of the reminder pages (take the snapshot, issue the dispatch or the
 * bulletin): offered when the server says the viewer may (`me.can.issueReminders`); says in a toast
 * what happened (`say` is asked before the page refreshes, so it can tell a new record from the one
 * already shown), then refreshes the page.
 */
export function useReminderAction<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  refetch: () => Promise<unknown> | undefined,
  say: (data: TData) => ReminderWord,
) {
  const { viewer } = useViewer();
  const describe = useRefusal();
  const allowed = computed(() => viewer.value?.can?.issueReminders === true);
  const { mutate, loading } = useMutation(document);
  const error = ref<unknown>(null);
  async function run(): Promise<void> {
    error.value = null;
    try {
      const result = await mutate({} as TVariables);
      if (result?.data) {
        const word = say(result.data);
        toast[word.kind](word.text);
      }
      await refetch();
    } catch (e) {
      error.value = e;
      toast.failure(describe(e));
    }
  }
  return { allowed, run, loading, error };
}
