import { registerEnumType } from 'type-graphql';

export enum InspectionKind {
  SELF_INSPECTION = 'SELF_INSPECTION',
  REGULATOR_INSPECTION = 'REGULATOR_INSPECTION',
}

export enum FindingOutcome {
  MATCHED = 'MATCHED',
  NEW_HAZARD = 'NEW_HAZARD',
  NOT_RECTIFIED = 'NOT_RECTIFIED',
}

registerEnumType(InspectionKind, {
  name: 'InspectionKind',
  description: 'Who inspected.',
  valuesConfig: {
    SELF_INSPECTION: { description: 'The enterprise’s own inspection (自查); its findings are filed as hazards.' },
    REGULATOR_INSPECTION: {
      description: 'The bureau’s on-site inspection, cross-checked against what the enterprise filed (比对).',
    },
  },
});

registerEnumType(FindingOutcome, {
  name: 'FindingOutcome',
  description: 'What one finding of an inspection turned out to be.',
  valuesConfig: {
    MATCHED: { description: 'A hazard the enterprise had already filed (regulator inspections).' },
    NEW_HAZARD: {
      description:
        'Filed now as a new hazard; in a regulator inspection it counts as a discrepancy (the enterprise had not filed it).',
    },
    NOT_RECTIFIED: {
      description:
        'A hazard marked closed was not really rectified: it reopens with a new deadline and counts as a false rectification.',
    },
  },
});
