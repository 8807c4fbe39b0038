import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema, type PubSub } from 'type-graphql';
import { inputHygiene } from './input-hygiene.js';
import { AlertResolver, EnterpriseAlertsResolver } from '../modules/alert/alert.resolver.js';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import {
  EnterpriseCanResolver,
  HazardCanResolver,
  RoleOptionResolver,
  UserCanResolver,
} from '../modules/auth/permissions.resolver.js';
import { ServerClockResolver } from '../modules/clock/server-clock.resolver.js';
import { AccountResolver } from '../modules/account/account.resolver.js';
import { RegistryResolver } from '../modules/registry/registry.resolver.js';
import { ImportResolver } from '../modules/import/import.resolver.js';
import { DepartmentResolver } from '../modules/department/department.resolver.js';
import { EnterpriseResolver } from '../modules/enterprise/enterprise.resolver.js';
import { EventResolver } from '../modules/event/event.resolver.js';
import { HazardResolver } from '../modules/hazard/hazard.resolver.js';
import { DepartmentSummaryResolver, WallboardResolver } from '../modules/wallboard/wallboard.resolver.js';
import { AssessmentResolver, BulletinAssessmentResolver } from '../modules/assessment/assessment.resolver.js';
import { StatsByResolver } from '../modules/analytics/stats-by.resolver.js';
import { StatsResolver } from '../modules/analytics/stats.resolver.js';
import { EnforcementResolver, EnterpriseEnforcementResolver } from '../modules/enforcement/enforcement.resolver.js';
import { ExtensionResolver, HazardExtensionsResolver } from '../modules/extension/extension.resolver.js';
import { HazardLifecycleResolver } from '../modules/hazard/lifecycle.resolver.js';
import {
  EnterpriseCrossCheckResolver,
  InspectionFindingResolver,
  InspectionResolver,
} from '../modules/inspection/inspection.resolver.js';
import { HazardPhotosResolver, PhotoResolver } from '../modules/photo/photo.resolver.js';
import { KioskResolver } from '../modules/kiosk/kiosk.resolver.js';
import { DeliveryResolver } from '../modules/delivery/delivery.resolver.js';
import { BulletinResolver, WeeklyDispatchResolver } from '../modules/reminders/reminders.resolver.js';
import { SnapshotResolver } from '../modules/snapshot/snapshot.resolver.js';
import {
  CheckTaskResolver,
  ControlMeasureResolver,
  EnterpriseRiskResolver,
  HazardCheckResolver,
  RiskPointResolver,
} from '../modules/risk/risk.resolver.js';
import {
  EnterpriseSupervisionResolver,
  InspectionPlanResolver,
  SupervisionClassChangeResolver,
} from '../modules/supervision/supervision.resolver.js';

export const resolvers = [
  AuthResolver,
  AccountResolver,
  RoleOptionResolver,
  RegistryResolver,
  ImportResolver,
  DepartmentResolver,
  EnterpriseResolver,
  HazardResolver,
  AuditResolver,
  AlertResolver,
  EnterpriseAlertsResolver,
  EventResolver,
  WallboardResolver,
  DepartmentSummaryResolver,
  HazardLifecycleResolver,
  ExtensionResolver,
  HazardExtensionsResolver,
  PhotoResolver,
  KioskResolver,
  HazardPhotosResolver,
  InspectionResolver,
  InspectionFindingResolver,
  EnterpriseCrossCheckResolver,
  EnforcementResolver,
  EnterpriseEnforcementResolver,
  StatsResolver,
  StatsByResolver,
  AssessmentResolver,
  BulletinAssessmentResolver,
  SnapshotResolver,
  WeeklyDispatchResolver,
  BulletinResolver,
  DeliveryResolver,
  RiskPointResolver,
  ControlMeasureResolver,
  CheckTaskResolver,
  EnterpriseRiskResolver,
  HazardCheckResolver,
  UserCanResolver,
  HazardCanResolver,
  EnterpriseCanResolver,
  ServerClockResolver,
  EnterpriseSupervisionResolver,
  InspectionPlanResolver,
  SupervisionClassChangeResolver,
] as const;

export function buildHazardLoopSchema(pubSub?: PubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    globalMiddlewares: [inputHygiene],
    // Subscriptions here bring their own streams (realtime/); type-graphql still insists on a pub/sub.
    pubSub: pubSub ?? createPubSub(),
  });
}
