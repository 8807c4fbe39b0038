import { onBeforeUnmount, onMounted, ref, watch } from 'vue';
import type { WallboardFigures, WallboardSource } from './wallboard-model.js';

/** How long a changed number or list flashes. */
const FLASH_MS = 2_500;

/**
 * The wallboard's state for its components: the source's data plus what just changed (to flash it).
 */
export function useWallboard(source: WallboardSource) {
  const flashing = ref(new Set<string>());
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function flash(key: string) {
    flashing.value = new Set([...flashing.value, key]);
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        const next = new Set(flashing.value);
        next.delete(key);
        flashing.value = next;
      }, FLASH_MS),
    );
  }

  watch(source.figures, (now, before) => {
    if (!now || !before) return;
    for (const key of Object.keys(now) as (keyof WallboardFigures)[]) {
      if (key !== 'asOf' && key !== 'trend' && JSON.stringify(now[key]) !== JSON.stringify(before[key])) flash(key);
    }
  });
  watch(source.alerts, (now, before) => {
    if (!before.length) return;
    for (const kind of ['NO_LOGIN', 'NO_FILING', 'OVERDUE', 'CHECKS_MISSED'] as const) {
      const known = new Set(before.filter((a) => a.kind === kind).map((a) => a.enterprise.id + (a.hazard?.id ?? '')));
      if (now.some((a) => a.kind === kind && !known.has(a.enterprise.id + (a.hazard?.id ?? '')))) flash(`list-${kind}`);
    }
  });

  onMounted(() => source.start());
  onBeforeUnmount(() => {
    source.stop();
    timers.forEach((timer) => clearTimeout(timer));
  });

  return { ...source, flashing };
}
