import type { StatsFigures } from '../analytics/stats-sql.js';
import { AssessmentMetric, AssessmentRule } from './assessment.enums.js';
import type { AssessmentItem, AssessmentItemScore, AssessmentScore } from './scheme.types.js';

const RATES = new Set([
  AssessmentMetric.LOGIN_RATE,
  AssessmentMetric.FILING_RATE,
  AssessmentMetric.ON_TIME_RATE,
  AssessmentMetric.CHECK_COMPLETION_RATE,
  AssessmentMetric.SELF_REPORT_SHARE,
]);

export function isRateMetric(metric: AssessmentMetric): boolean {
  return RATES.has(metric);
}

export function metricValue(metric: AssessmentMetric, f: StatsFigures): number | null {
  switch (metric) {
    case AssessmentMetric.LOGIN_RATE:
      return f.loginRate;
    case AssessmentMetric.FILING_RATE:
      return f.filingRate;
    case AssessmentMetric.ON_TIME_RATE:
      return f.onTimeRate;
    case AssessmentMetric.CHECK_COMPLETION_RATE:
      return f.checkCompletionRate;
    case AssessmentMetric.SELF_REPORT_SHARE:
      return f.selfReportShare;
    case AssessmentMetric.OVERDUE:
      return f.overdue;
    case AssessmentMetric.DISCREPANCIES:
      return f.discrepancies;
    case AssessmentMetric.FALSE_RECTIFICATIONS:
      return f.falseRectifications;
    case AssessmentMetric.REPEAT_HAZARDS:
      return f.repeatHazards;
    case AssessmentMetric.PENALTIES:
      return f.penalties;
    case AssessmentMetric.ENFORCEMENT:
      return f.penalties + f.suspensions;
  }
}

/** The metrics' English names, for the second locale's sentences (a scheme's labels are Chinese). */
const METRIC_EN: Record<AssessmentMetric, string> = {
  [AssessmentMetric.LOGIN_RATE]: 'login rate',
  [AssessmentMetric.FILING_RATE]: 'filing rate',
  [AssessmentMetric.ON_TIME_RATE]: 'on-time rectification rate',
  [AssessmentMetric.CHECK_COMPLETION_RATE]: 'check completion rate',
  [AssessmentMetric.SELF_REPORT_SHARE]: 'self-report share',
  [AssessmentMetric.OVERDUE]: 'overdue hazards',
  [AssessmentMetric.DISCREPANCIES]: 'unfiled hazards found on site',
  [AssessmentMetric.FALSE_RECTIFICATIONS]: 'false rectifications',
  [AssessmentMetric.REPEAT_HAZARDS]: 'repeat hazards',
  [AssessmentMetric.PENALTIES]: 'penalties',
  [AssessmentMetric.ENFORCEMENT]: 'penalties and suspensions',
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const pct = (n: number) => `${round2(n * 100)}%`;
const show = (metric: AssessmentMetric, n: number) => (isRateMetric(metric) ? pct(n) : String(round2(n)));

/** One item: its points and, when any were lost, the sentence saying why (Chinese, then English). */
export function scoreItem(item: AssessmentItem, value: number | null): AssessmentItemScore {
  const base = { key: item.key, label: item.label, value, maxPoints: item.points };
  if (value === null) return { ...base, points: item.points, explanation: null, explanationEn: null };
  let points: number;
  let zh: string;
  let en: string;
  if (item.rule === AssessmentRule.LINEAR) {
    const floor = item.floor!;
    const target = item.target!;
    const share = Math.min(1, Math.max(0, (value - floor) / (target - floor)));
    points = round2(item.points * share);
    const lost = round2(item.points - points);
    const v = show(item.metric, value);
    const t = show(item.metric, target);
    const fl = show(item.metric, floor);
    zh =
      share === 0
        ? `${item.label}为${v}，未达到得分下限${fl}，本项${item.points}分全部扣除。`
        : `${item.label}为${v}，未达到满分目标${t}（下限${fl}），按比例扣${lost}分。`;
    en =
      share === 0
        ? `The ${METRIC_EN[item.metric]} was ${v}, at or below the floor of ${fl}: all ${item.points} points lost.`
        : `The ${METRIC_EN[item.metric]} was ${v}, short of the target of ${t} (floor ${fl}): ${lost} points lost in proportion.`;
  } else {
    const each = item.pointsEach!;
    const off = Math.min(item.points, each * value);
    points = round2(item.points - off);
    const lost = round2(off);
    const capped = each * value > item.points;
    zh = `${item.label}${value}项，每项扣${each}分，${capped ? `扣满本项${item.points}分` : `共扣${lost}分`}。`;
    en = `${value} ${METRIC_EN[item.metric]}, ${each} points off each: ${capped ? `all ${item.points} points of the item lost` : `${lost} points lost`}.`;
  }
  if (points >= item.points) return { ...base, points: item.points, explanation: null, explanationEn: null };
  return { ...base, points, explanation: zh, explanationEn: en };
}

export interface Subject {
  id: string;
  name: string;
  figures: StatsFigures;
}

/** Scores and ranks (best first, equal scores share a rank; ties listed by name). */
export function scoreSubjects(items: readonly AssessmentItem[], subjects: readonly Subject[]): AssessmentScore[] {
  const scored = subjects.map((s) => {
    const itemScores = items.map((item) => scoreItem(item, metricValue(item.metric, s.figures)));
    const score = round2(itemScores.reduce((sum, i) => sum + i.points, 0));
    return { subjectId: s.id, subjectName: s.name, score, rank: 0, items: itemScores };
  });
  scored.sort((a, b) => b.score - a.score || a.subjectName.localeCompare(b.subjectName, 'zh-CN'));
  scored.forEach((s, i) => (s.rank = i > 0 && scored[i - 1]!.score === s.score ? scored[i - 1]!.rank : i + 1));
  return scored;
}
