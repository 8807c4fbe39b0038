import { ref } from 'vue';
import { bureauDate, endOfBureauDay, startOfBureauDay } from '../../../shared/bureau-time.js';
import { serverNow } from '../../../shared/server-clock.js';

/** A period picked as two bureau dates (from its first instant to the last of `to`), the quarter so far by default. */
export function usePeriod() {
  const today = bureauDate(serverNow());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const quarterStart = `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const fromDate = ref(quarterStart);
  const toDate = ref(today);
  const from = () => startOfBureauDay(fromDate.value);
  const to = () => endOfBureauDay(toDate.value);
  const quarter = `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  return { fromDate, toDate, from, to, quarter };
}
