import type { OperationVariables, TypedDocumentNode } from '@apollo/client/core';
import { useMutation } from '@vue/apollo-composable';
import { computed, ref } from 'vue';
import { useViewer } from '../../auth/composables/viewer.js';

/**
 * A "do it now" button of the reminder pages (take the snapshot, issue the dispatch or the
 * bulletin): offered when the server says the viewer may (`me.can.issueReminders`); refreshes the page after.
 */
export function useReminderAction<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  refetch: () => Promise<unknown> | undefined,
) {
  const { viewer } = useViewer();
  const allowed = computed(() => viewer.value?.can?.issueReminders === true);
  const { mutate, loading } = useMutation(document);
  const error = ref<string | null>(null);
  async function run(): Promise<void> {
    error.value = null;
    try {
      await mutate({} as TVariables);
      await refetch();
    } catch (e) {
      error.value = (e as Error).message;
    }
  }
  return { allowed, run, loading, error };
}
