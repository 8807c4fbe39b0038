import { Industry } from '../enterprise/industry.js';
import { HazardGrade, HazardSource } from '../hazard/hazard.enums.js';

/** What the bureau calls the enum values that statistics group by (Chinese first; the dashboard translates by key). */
export const DIMENSION_VALUE_LABELS: Record<string, string> = {
  [Industry.COAL_MINE]: '煤矿',
  [Industry.NON_COAL_MINE]: '非煤矿山',
  [Industry.HAZARDOUS_CHEMICALS]: '危险化学品',
  [Industry.FIREWORKS]: '烟花爆竹',
  [Industry.OTHER]: '其他',
  [HazardGrade.MAJOR]: '重大隐患',
  [HazardGrade.SECOND]: '二级隐患',
  [HazardGrade.THIRD]: '三级隐患',
  [HazardSource.SELF_INSPECTION]: '企业自查',
  [HazardSource.REGULATOR_INSPECTION]: '监管检查',
  [HazardSource.PUBLIC_REPORT]: '群众举报',
  [HazardSource.OTHER_AGENCY]: '部门移交',
  none: '（未设分管领导）',
};
