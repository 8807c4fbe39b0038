import { registerEnumType } from 'type-graphql';

export enum HazardGrade {
  MAJOR = 'MAJOR',
  SECOND = 'SECOND',
  THIRD = 'THIRD',
}

export enum HazardStatus {
  RECTIFYING = 'RECTIFYING',
  PENDING_VERIFICATION = 'PENDING_VERIFICATION',
  CLOSED = 'CLOSED',
}

export enum HazardSource {
  SELF_INSPECTION = 'SELF_INSPECTION',
  REGULATOR_INSPECTION = 'REGULATOR_INSPECTION',
  PUBLIC_REPORT = 'PUBLIC_REPORT',
  OTHER_AGENCY = 'OTHER_AGENCY',
}

registerEnumType(HazardGrade, {
  name: 'HazardGrade',
  description: 'Grade of a hazard; it decides who confirms its rectification (R5).',
  valuesConfig: {
    MAJOR: { description: '重大隐患: confirmed by the director, listed for the office meeting.' },
    SECOND: { description: '二级隐患: confirmed by the deputy leader over the enterprise’s department.' },
    THIRD: { description: '三级隐患: confirmed by the section chief of that department (or its inspector).' },
  },
});

registerEnumType(HazardStatus, {
  name: 'HazardStatus',
  description: 'Where a hazard stands in the closed loop (R4).',
  valuesConfig: {
    RECTIFYING: { description: 'Being rectified under its plan, before or after its deadline.' },
    PENDING_VERIFICATION: { description: 'The enterprise reports it rectified; awaiting confirmation by grade.' },
    CLOSED: { description: 'Rectified and confirmed (or rectified on the spot).' },
  },
});

registerEnumType(HazardSource, {
  name: 'HazardSource',
  description: 'Who found the hazard.',
  valuesConfig: {
    SELF_INSPECTION: { description: "The enterprise's own inspection (自查)." },
    REGULATOR_INSPECTION: { description: "Found by the bureau's inspectors on site." },
    PUBLIC_REPORT: { description: 'Reported by the public.' },
    OTHER_AGENCY: { description: 'Referred by another agency (e.g. traffic police).' },
  },
});
