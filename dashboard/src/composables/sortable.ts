import { computed, ref, type Ref } from 'vue';

/**
 * A table sorted by the column whose header was clicked, within the rows it holds (the server pages;
 * a sort never fetches). A second click turns the order round; `newestFirst` columns (times a
 * supervisor reads latest first) start descending.
 */
export function useSortable<Row, Column extends string>(
  rows: () => readonly Row[],
  keys: Record<Column, (row: Row) => string | number>,
  newestFirst: readonly NoInfer<Column>[] = [],
) {
  const sortBy: Ref<Column | null> = ref(null);
  const descending = ref(false);
  function sort(column: Column) {
    if (sortBy.value === column) descending.value = !descending.value;
    else {
      sortBy.value = column;
      descending.value = newestFirst.includes(column);
    }
  }
  const sorted = computed(() => {
    const column = sortBy.value;
    if (!column) return rows();
    const sign = descending.value ? -1 : 1;
    return [...rows()].sort((a, b) => {
      const x = keys[column](a);
      const y = keys[column](b);
      return (typeof x === 'number' ? x - (y as number) : String(x).localeCompare(String(y), 'zh-CN')) * sign;
    });
  });
  const ariaSort = (column: Column) =>
    sortBy.value !== column ? 'none' : descending.value ? 'descending' : 'ascending';
  return { sortBy, descending, sort, sorted, ariaSort };
}
