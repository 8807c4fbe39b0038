import { computed, ref } from 'vue';

/**
 * Forward-only keyset paging (the server's connections) with a way back: the cursors of the pages
 * seen so far are kept, so "previous" is the cursor before.
 */
export function usePaging(pageSize: number) {
  const cursors = ref<(string | null)[]>([null]);
  const page = computed(() => cursors.value.length);
  const after = computed(() => cursors.value[cursors.value.length - 1] ?? null);
  return {
    page,
    after,
    first: pageSize,
    next(endCursor: string | null | undefined) {
      if (endCursor) cursors.value = [...cursors.value, endCursor];
    },
    previous() {
      if (cursors.value.length > 1) cursors.value = cursors.value.slice(0, -1);
    },
    reset() {
      cursors.value = [null];
    },
  };
}
