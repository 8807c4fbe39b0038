import { registerEnumType } from 'type-graphql';

/** The four colours of a risk (R14): red, orange, yellow, blue. */
export enum RiskLevel {
  MAJOR = 'MAJOR',
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}

/** Strictest first, for "the highest level" and for ordering. */
export const RISK_LEVELS_DESC: readonly RiskLevel[] = [
  RiskLevel.MAJOR,
  RiskLevel.HIGH,
  RiskLevel.MEDIUM,
  RiskLevel.LOW,
];

export enum RiskPointKind {
  FACILITY = 'FACILITY',
  SITE = 'SITE',
  AREA = 'AREA',
  ACTIVITY = 'ACTIVITY',
}

export enum ControlCategory {
  ENGINEERING = 'ENGINEERING',
  MAINTENANCE = 'MAINTENANCE',
  OPERATION = 'OPERATION',
  EMERGENCY = 'EMERGENCY',
}

export enum CheckRole {
  PRINCIPAL = 'PRINCIPAL',
  TECHNICAL = 'TECHNICAL',
  OPERATIONS = 'OPERATIONS',
  POST = 'POST',
}

export enum CheckTaskStatus {
  DUE = 'DUE',
  DONE = 'DONE',
  MISSED = 'MISSED',
}

export enum CheckResult {
  NORMAL = 'NORMAL',
  HAZARD_FOUND = 'HAZARD_FOUND',
}

registerEnumType(RiskLevel, {
  name: 'RiskLevel',
  description: 'A risk’s colour by its LS score (R14); the bands are settings (RISK_BANDS).',
  valuesConfig: {
    MAJOR: { description: '红 重大风险 (default score ≥ 20).' },
    HIGH: { description: '橙 较大风险 (default 15–19).' },
    MEDIUM: { description: '黄 一般风险 (default 9–14).' },
    LOW: { description: '蓝 低风险 (default ≤ 8).' },
  },
});

registerEnumType(RiskPointKind, {
  name: 'RiskPointKind',
  description: 'What a risk point is.',
  valuesConfig: {
    FACILITY: { description: '设备设施.' },
    SITE: { description: '场所.' },
    AREA: { description: '区域.' },
    ACTIVITY: { description: '作业活动.' },
  },
});

registerEnumType(ControlCategory, {
  name: 'ControlCategory',
  description: 'The kind of control measure.',
  valuesConfig: {
    ENGINEERING: { description: '工程技术措施.' },
    MAINTENANCE: { description: '维护保养措施.' },
    OPERATION: { description: '操作行为（管理）措施.' },
    EMERGENCY: { description: '应急处置措施.' },
  },
});

registerEnumType(CheckRole, {
  name: 'CheckRole',
  description: 'Who in the enterprise checks a measure.',
  valuesConfig: {
    PRINCIPAL: { description: '主要负责人.' },
    TECHNICAL: { description: '技术负责人.' },
    OPERATIONS: { description: '生产（安全）管理负责人.' },
    POST: { description: '岗位人员.' },
  },
});

registerEnumType(CheckTaskStatus, {
  name: 'CheckTaskStatus',
  description: 'Where a check task stands.',
  valuesConfig: {
    DUE: { description: 'Its cycle is running and no check is recorded yet.' },
    DONE: { description: 'A check was recorded within the cycle.' },
    MISSED: { description: 'The cycle ended with no check recorded.' },
  },
});

registerEnumType(CheckResult, {
  name: 'CheckResult',
  description: 'What a check found.',
  valuesConfig: {
    NORMAL: { description: 'The measure holds; counts as a self-inspection.' },
    HAZARD_FOUND: { description: 'A hazard was found and filed with the check (source SELF_INSPECTION).' },
  },
});
