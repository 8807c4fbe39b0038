import { Field, ID, InputType, Int } from 'type-graphql';
import { CheckRole, CheckTaskStatus, ControlCategory, RiskPointKind } from './risk.enums.js';

@InputType({ description: 'A risk point to enter (no id) or change (id); the enterprise keeps its own register.' })
export class RiskPointInput {
  @Field(() => ID, { nullable: true, description: 'The point to change; omit to enter a new one.' })
  id?: string;

  @Field(() => ID, { nullable: true, description: 'The enterprise; an enterprise account may omit it (its own).' })
  enterpriseId?: string;

  @Field()
  name!: string;

  @Field(() => RiskPointKind)
  kind!: RiskPointKind;

  @Field({ nullable: true })
  location?: string;

  @Field(() => Int, { description: 'L, likelihood 1–5.' })
  likelihood!: number;

  @Field(() => Int, { description: 'S, severity 1–5.' })
  severity!: number;

  @Field({ nullable: true })
  responsiblePerson?: string;
}

@InputType({ description: 'A control measure to add to a risk point (no id) or change (id).' })
export class ControlMeasureInput {
  @Field(() => ID, { nullable: true, description: 'The measure to change; omit to add a new one.' })
  id?: string;

  @Field(() => ID, { nullable: true, description: 'The risk point (required for a new measure).' })
  riskPointId?: string;

  @Field()
  description!: string;

  @Field(() => ControlCategory)
  category!: ControlCategory;

  @Field({ description: 'The check cycle: a duration such as `8h`, `1d`, `7d`, `30d` (seconds allowed: `10s`).' })
  checkEvery!: string;

  @Field(() => CheckRole)
  checkRole!: CheckRole;
}

@InputType({ description: 'Narrows a list of check tasks; all given conditions must hold.' })
export class CheckTaskFilter {
  @Field(() => ID, { nullable: true })
  enterpriseId?: string;

  @Field(() => CheckTaskStatus, { nullable: true })
  status?: CheckTaskStatus;

  @Field({ nullable: true, description: 'Due at or after this instant.' })
  dueFrom?: Date;

  @Field({ nullable: true, description: 'Due at or before this instant.' })
  dueTo?: Date;
}
