import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { Industry } from '../enterprise/industry.js';
import { HazardGrade, HazardSource } from '../hazard/hazard.enums.js';

export enum StatsDimension {
  DEPARTMENT = 'DEPARTMENT',
  LEADER = 'LEADER',
  TOWNSHIP = 'TOWNSHIP',
  INDUSTRY = 'INDUSTRY',
  GRADE = 'GRADE',
  SOURCE = 'SOURCE',
  ENTERPRISE = 'ENTERPRISE',
}

export enum StatsInterval {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

registerEnumType(StatsDimension, {
  name: 'StatsDimension',
  description:
    'What `statsBy` groups by (R16). GRADE and SOURCE describe hazards: in their groups only the hazard and cross-check figures are split, inspections and enforcement count 0 and the login and filing rates are the whole scope’s.',
  valuesConfig: {
    DEPARTMENT: { description: 'The supervising department (科室) of the enterprise.' },
    LEADER: { description: 'The deputy leader over that department; key `none` when it has none.' },
    TOWNSHIP: { description: 'The township (乡镇) of the enterprise.' },
    INDUSTRY: { description: 'The industry the enterprise is supervised as.' },
    GRADE: { description: 'The hazard’s grade.' },
    SOURCE: { description: 'Who found the hazard.' },
    ENTERPRISE: { description: 'Each enterprise.' },
  },
});

registerEnumType(StatsInterval, {
  name: 'StatsInterval',
  description: 'Length of a `statsSeries` point, in calendar units of the bureau’s time zone (BUREAU_TZ).',
  valuesConfig: {
    DAY: { description: 'From midnight to midnight.' },
    WEEK: { description: 'Monday to Monday.' },
    MONTH: { description: 'From the 1st to the 1st.' },
  },
});

@InputType({ description: 'Narrows grouped statistics, within the viewer’s scope (every field optional).' })
export class StatsFilter {
  @Field(() => ID, { nullable: true })
  departmentId?: string;

  @Field(() => ID, { nullable: true, description: 'The enterprises under this deputy leader’s departments.' })
  leaderId?: string;

  @Field(() => ID, { nullable: true })
  townshipId?: string;

  @Field(() => Industry, { nullable: true })
  industry?: Industry;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string;

  @Field(() => HazardGrade, {
    nullable: true,
    description: 'Hazards (and cross-check findings) of this grade only; inspections and enforcement then count 0.',
  })
  grade?: HazardGrade;

  @Field(() => HazardSource, {
    nullable: true,
    description: 'Hazards (and cross-check findings) from this source only; inspections and enforcement then count 0.',
  })
  source?: HazardSource;
}
