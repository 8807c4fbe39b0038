import { AssessmentKind, AssessmentMetric as M, AssessmentRule as R } from './assessment.enums.js';
import type { AssessmentItem } from './scheme.types.js';

const linear = (
  key: string,
  label: string,
  metric: M,
  points: number,
  floor: number,
  target: number,
): AssessmentItem => ({
  key,
  label,
  metric,
  points,
  rule: R.LINEAR,
  floor,
  target,
  pointsEach: null,
});

const perOccurrence = (key: string, label: string, metric: M, points: number, pointsEach: number): AssessmentItem => ({
  key,
  label,
  metric,
  points,
  rule: R.PER_OCCURRENCE,
  floor: null,
  target: null,
  pointsEach,
});

/**
 * The built-in schemes (version 0), in the shape provincial 隐患排查治理 assessment rules commonly take:
 * system use (login and filing rates), the check tasks of dual prevention (R14: the share of check
 * cycles recorded, which tells a diligent enterprise from one that only signs in) and on-time
 * rectification as rate items with a floor; overdue hazards, unfiled findings, false rectifications and
 * enforcement as deductions per occurrence capped at the item's weight; 100 points in all. A bureau
 * replaces them with its own 考核细则 through saveAssessmentScheme.
 */
export const DEFAULT_SCHEMES: Record<AssessmentKind, AssessmentItem[]> = {
  [AssessmentKind.ENTERPRISE]: [
    linear('login', '系统登录率', M.LOGIN_RATE, 10, 0.6, 1),
    linear('filing', '隐患上报率', M.FILING_RATE, 10, 0.6, 1),
    linear('checks', '排查任务完成率', M.CHECK_COMPLETION_RATE, 15, 0.8, 1),
    linear('onTime', '隐患按时整改率', M.ON_TIME_RATE, 20, 0.8, 1),
    perOccurrence('overdue', '逾期未整改隐患', M.OVERDUE, 15, 3),
    perOccurrence('discrepancies', '执法检查发现未上报隐患', M.DISCREPANCIES, 10, 5),
    perOccurrence('falseRectifications', '虚假整改', M.FALSE_RECTIFICATIONS, 10, 10),
    perOccurrence('enforcement', '行政处罚与停业整顿', M.ENFORCEMENT, 10, 5),
  ],
  [AssessmentKind.DEPARTMENT]: [
    linear('login', '监管企业登录率', M.LOGIN_RATE, 10, 0.6, 1),
    linear('filing', '监管企业上报率', M.FILING_RATE, 10, 0.6, 1),
    linear('checks', '监管企业排查任务完成率', M.CHECK_COMPLETION_RATE, 15, 0.8, 1),
    linear('onTime', '隐患按时整改率', M.ON_TIME_RATE, 25, 0.8, 1),
    perOccurrence('overdue', '逾期未整改隐患', M.OVERDUE, 15, 1),
    perOccurrence('discrepancies', '执法检查发现未上报隐患', M.DISCREPANCIES, 10, 2),
    perOccurrence('falseRectifications', '虚假整改', M.FALSE_RECTIFICATIONS, 10, 5),
    perOccurrence('enforcement', '行政处罚与停业整顿', M.ENFORCEMENT, 5, 1),
  ],
  [AssessmentKind.CADRE]: [
    linear('login', '分管企业登录率', M.LOGIN_RATE, 10, 0.6, 1),
    linear('filing', '分管企业上报率', M.FILING_RATE, 10, 0.6, 1),
    linear('checks', '分管企业排查任务完成率', M.CHECK_COMPLETION_RATE, 15, 0.8, 1),
    linear('onTime', '隐患按时整改率', M.ON_TIME_RATE, 25, 0.8, 1),
    perOccurrence('overdue', '逾期未整改隐患', M.OVERDUE, 15, 1),
    perOccurrence('discrepancies', '执法检查发现未上报隐患', M.DISCREPANCIES, 10, 2),
    perOccurrence('falseRectifications', '虚假整改', M.FALSE_RECTIFICATIONS, 10, 5),
    perOccurrence('enforcement', '行政处罚与停业整顿', M.ENFORCEMENT, 5, 1),
  ],
};
