import { computed, ref, watch } from 'vue';

/** The page sizes a list offers, up to the server's limit of 200 a connection page. */
export const PAGE_SIZES = [50, 100, 200] as const;

/**
 * Forward-only keyset paging (the server's connections) with a way back: the cursors of the pages
 * seen so far are kept, so "previous" is the cursor before. `size` may change (a page-size choice);
 * the list then starts again from its first page.
 */
export function usePaging(pageSize: number) {
  const cursors = ref<(string | null)[]>([null]);
  const size = ref(pageSize);
  const page = computed(() => cursors.value.length);
  const after = computed(() => cursors.value[cursors.value.length - 1] ?? null);
  const reset = () => {
    cursors.value = [null];
  };
  watch(size, reset);
  return {
    page,
    after,
    size,
    get first() {
      return size.value;
    },
    next(endCursor: string | null | undefined) {
      if (endCursor) cursors.value = [...cursors.value, endCursor];
    },
    previous() {
      if (cursors.value.length > 1) cursors.value = cursors.value.slice(0, -1);
    },
    reset,
  };
}
