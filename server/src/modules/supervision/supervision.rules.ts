import { registerEnumType } from 'type-graphql';
import { type RiskLevel } from '../risk/risk.enums.js';

/** R15: A the lightest supervision, D the strictest. */
export enum SupervisionClass {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}

registerEnumType(SupervisionClass, {
  name: 'SupervisionClass',
  description: 'Supervision class (分类分级监管, R15), from the risk level and the record; D the strictest.',
});

export const CLASSES: readonly SupervisionClass[] = [
  SupervisionClass.A,
  SupervisionClass.B,
  SupervisionClass.C,
  SupervisionClass.D,
];

/** What an enterprise's class is decided from: its risk level and its record over the last 12 months. */
export interface SupervisionFacts {
  riskLevel: RiskLevel | null;
  overdue: number;
  discrepancy: number;
  falseRectification: number;
  penalty: number;
  suspension: number;
  keyTarget: boolean;
}

export type CountFact = 'overdue' | 'discrepancy' | 'falseRectification' | 'penalty' | 'suspension';
const COUNT_FACTS: readonly CountFact[] = ['overdue', 'discrepancy', 'falseRectification', 'penalty', 'suspension'];

/** One line of the rule table: when it holds, the enterprise is at least `class`. */
export type SupervisionRule =
  | { fact: 'risk'; level: RiskLevel; class: SupervisionClass }
  | { fact: CountFact; atLeast: number; class: SupervisionClass }
  | { fact: 'keyTarget'; class: SupervisionClass };

export const DEFAULT_SUPERVISION_RULES =
  'risk=MAJOR:D,penalty>=1:D,suspension>=1:D,risk=HIGH:C,falseRectification>=1:C,overdue>=3:C,keyTarget:C,risk=MEDIUM:B,overdue>=1:B,discrepancy>=1:B';

export const DEFAULT_INSPECTIONS_PER_YEAR = 'A:1,B:2,C:4,D:12';

/** Reads `SUPERVISION_RULES`; returns a sentence when an entry is not a rule. */
export function parseSupervisionRules(text: string): SupervisionRule[] | string {
  const rules: SupervisionRule[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const risk = /^risk=(MAJOR|HIGH|MEDIUM|LOW):([ABCD])$/i.exec(part);
    const count = /^(\w+)>=(\d+):([ABCD])$/i.exec(part);
    const key = /^keyTarget:([ABCD])$/i.exec(part);
    if (risk)
      rules.push({
        fact: 'risk',
        level: risk[1]!.toUpperCase() as RiskLevel,
        class: risk[2]!.toUpperCase() as SupervisionClass,
      });
    else if (count && (COUNT_FACTS as readonly string[]).includes(count[1]!))
      rules.push({
        fact: count[1] as CountFact,
        atLeast: Number(count[2]),
        class: count[3]!.toUpperCase() as SupervisionClass,
      });
    else if (key) rules.push({ fact: 'keyTarget', class: key[1]!.toUpperCase() as SupervisionClass });
    else
      return `SUPERVISION_RULES entries look like risk=MAJOR:D, penalty>=1:D or keyTarget:C, with facts ${COUNT_FACTS.join(', ')} (got "${part}")`;
  }
  return rules;
}

/** Reads `INSPECTIONS_PER_YEAR` (`A:1,B:2,C:4,D:12`). */
export function parseInspectionsPerYear(text: string): Record<SupervisionClass, number> | string {
  const result: Record<SupervisionClass, number> = { A: 1, B: 2, C: 4, D: 12 };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([ABCD]):(\d+)$/i.exec(part);
    if (!match) return `INSPECTIONS_PER_YEAR entries look like D:12 (got "${part}")`;
    result[match[1]!.toUpperCase() as SupervisionClass] = Number(match[2]);
  }
  return result;
}

const LEVEL_ZH: Record<RiskLevel, string> = {
  MAJOR: '重大风险（红色）',
  HIGH: '较大风险（橙色）',
  MEDIUM: '一般风险（黄色）',
  LOW: '低风险（蓝色）',
};

const COUNT_ZH: Record<CountFact, (n: number) => string> = {
  overdue: (n) => `近12个月有 ${n} 项隐患超期未整改`,
  discrepancy: (n) => `近12个月现场检查发现 ${n} 项未自报隐患（比对不符）`,
  falseRectification: (n) => `近12个月有 ${n} 项隐患虚假整改`,
  penalty: (n) => `近12个月受到行政处罚 ${n} 次`,
  suspension: (n) => `近12个月被责令停产停业整顿 ${n} 次`,
};

function holds(rule: SupervisionRule, facts: SupervisionFacts): boolean {
  if (rule.fact === 'risk') return facts.riskLevel === rule.level;
  if (rule.fact === 'keyTarget') return facts.keyTarget;
  return facts[rule.fact] >= rule.atLeast;
}

function reasonOf(rule: SupervisionRule, facts: SupervisionFacts): string {
  if (rule.fact === 'risk') return `存在${LEVEL_ZH[rule.level]}风险点`;
  if (rule.fact === 'keyTarget') return '被通报列为重点督查对象';
  return COUNT_ZH[rule.fact](facts[rule.fact]);
}

/**
 * R15: the strictest class among the rules that hold (A when none does), with the reasons of every
 * rule that gives that class, in table order.
 */
export function classify(
  facts: SupervisionFacts,
  rules: readonly SupervisionRule[],
): { supervisionClass: SupervisionClass; reasons: string[] } {
  const matching = rules.filter((rule) => holds(rule, facts));
  const rank = (c: SupervisionClass) => CLASSES.indexOf(c);
  const top = matching.reduce((best, r) => (rank(r.class) > rank(best) ? r.class : best), SupervisionClass.A);
  if (top === SupervisionClass.A) {
    const level = facts.riskLevel ? `风险等级为${LEVEL_ZH[facts.riskLevel]}` : '尚无风险点评估';
    return { supervisionClass: top, reasons: [`${level}，近12个月无超期、比对不符、虚假整改或处罚记录`] };
  }
  const reasons = [...new Set(matching.filter((r) => r.class === top).map((r) => reasonOf(r, facts)))];
  return { supervisionClass: top, reasons };
}
