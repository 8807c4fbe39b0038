import { registerEnumType } from 'type-graphql';

export enum AssessmentKind {
  ENTERPRISE = 'ENTERPRISE',
  DEPARTMENT = 'DEPARTMENT',
  CADRE = 'CADRE',
}

/** The figures of `Stats` an item may score (R16). */
export enum AssessmentMetric {
  LOGIN_RATE = 'LOGIN_RATE',
  FILING_RATE = 'FILING_RATE',
  ON_TIME_RATE = 'ON_TIME_RATE',
  CHECK_COMPLETION_RATE = 'CHECK_COMPLETION_RATE',
  SELF_REPORT_SHARE = 'SELF_REPORT_SHARE',
  OVERDUE = 'OVERDUE',
  DISCREPANCIES = 'DISCREPANCIES',
  FALSE_RECTIFICATIONS = 'FALSE_RECTIFICATIONS',
  REPEAT_HAZARDS = 'REPEAT_HAZARDS',
  PENALTIES = 'PENALTIES',
  ENFORCEMENT = 'ENFORCEMENT',
}

export enum AssessmentRule {
  LINEAR = 'LINEAR',
  PER_OCCURRENCE = 'PER_OCCURRENCE',
}

registerEnumType(AssessmentKind, {
  name: 'AssessmentKind',
  description: 'Who is assessed (考核对象).',
  valuesConfig: {
    ENTERPRISE: { description: 'Each enterprise, on its own records.' },
    DEPARTMENT: { description: 'Each supervising department, on the enterprises it supervises.' },
    CADRE: { description: 'Each deputy leader and section chief, on the enterprises under them.' },
  },
});

registerEnumType(AssessmentMetric, {
  name: 'AssessmentMetric',
  description: 'The figure of `Stats` an assessment item scores, over the subject’s enterprises and the period.',
  valuesConfig: {
    LOGIN_RATE: { description: 'R10 login rate (登录率) at the end of the period.' },
    FILING_RATE: { description: 'R10 filing rate (上报率) at the end of the period.' },
    ON_TIME_RATE: { description: 'R10 on-time rectification rate (按时整改率).' },
    CHECK_COMPLETION_RATE: {
      description: 'Share of the check cycles ended in the period whose check was recorded (排查任务完成率, R14).',
    },
    SELF_REPORT_SHARE: { description: 'Share of on-site findings the enterprise had already filed (自报率).' },
    OVERDUE: { description: 'Hazards that missed their deadline (逾期).' },
    DISCREPANCIES: { description: 'On-site findings the enterprise had not filed (漏报).' },
    FALSE_RECTIFICATIONS: { description: 'Hazards reported closed that were not rectified (虚假整改).' },
    REPEAT_HAZARDS: { description: 'Hazards found again at the same place within 90 days (重复隐患).' },
    PENALTIES: { description: 'Penalties (行政处罚).' },
    ENFORCEMENT: { description: 'Penalties and suspensions together (处罚与停业整顿).' },
  },
});

registerEnumType(AssessmentRule, {
  name: 'AssessmentRule',
  description: 'How an item turns its value into points.',
  valuesConfig: {
    LINEAR: {
      description:
        'Full points at `target` or better, none at `floor` or worse, linear between (a rate; a target below the floor scores a count where fewer is better).',
    },
    PER_OCCURRENCE: { description: '`pointsEach` off per occurrence, at most the item’s points.' },
  },
});
