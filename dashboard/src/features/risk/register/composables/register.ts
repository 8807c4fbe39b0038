import { useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import {
  RiskRegisterDocument,
  type RegisterMeasureFragment,
  type RegisterPointFragment,
} from '../../../../gql/generated.js';

export type RegisterPoint = RegisterPointFragment;
export type RegisterMeasure = RegisterMeasureFragment;

/** One open check task, with its measure and risk point, for the list of checks due. */
export interface DueCheck {
  point: RegisterPoint;
  measure: RegisterMeasure;
  task: NonNullable<RegisterMeasure['currentTask']>;
}

/**
 * The signed-in enterprise's register as the server keeps it (R14). Kept in the persisted cache, so that a
 * phone that opened it once can open a risk point's check form with no signal (R17).
 */
export function useRiskRegister() {
  const query = useQuery(RiskRegisterDocument, null, { fetchPolicy: 'cache-and-network' });
  const enterprise = computed(() => query.result.value?.me?.enterprise ?? null);
  const points = computed(() => enterprise.value?.riskPoints ?? []);
  const measures = computed(() =>
    points.value.flatMap((point) => point.measures.map((measure) => ({ point, measure }))),
  );
  /** The open tasks, the soonest due first: what to check now. */
  const due = computed<DueCheck[]>(() =>
    measures.value
      .flatMap(({ point, measure }) =>
        measure.currentTask?.status === 'DUE' ? [{ point, measure, task: measure.currentTask }] : [],
      )
      .sort((a, b) => Date.parse(a.task.dueAt) - Date.parse(b.task.dueAt)),
  );
  const doneThisCycle = computed(() => measures.value.filter((m) => m.measure.currentTask?.status === 'DONE').length);
  return { ...query, enterprise, points, measures, due, doneThisCycle };
}

/** A check cycle as a person says it (`1d` → 每天); anything else as entered. */
export function cycleText(checkEvery: string, t: (key: string, values?: Record<string, unknown>) => string): string {
  const match = /^\s*(\d+)\s*([smhd])\s*$/.exec(checkEvery);
  if (!match) return checkEvery;
  const n = Number(match[1]);
  if (match[2] === 'd' && n === 1) return t('risk.every.day');
  return t(`risk.every.${match[2]}`, { n });
}
