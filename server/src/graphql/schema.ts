import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, type PubSub } from 'type-graphql';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { DepartmentResolver } from '../modules/department/department.resolver.js';
import { EnterpriseResolver } from '../modules/enterprise/enterprise.resolver.js';
import { HazardResolver } from '../modules/hazard/hazard.resolver.js';
import { StatsResolver } from '../modules/analytics/stats.resolver.js';
import { EnforcementResolver, EnterpriseEnforcementResolver } from '../modules/enforcement/enforcement.resolver.js';
import { ExtensionResolver, HazardExtensionsResolver } from '../modules/extension/extension.resolver.js';
import { HazardLifecycleResolver } from '../modules/hazard/lifecycle.resolver.js';
import { EnterpriseCrossCheckResolver, InspectionFindingResolver, InspectionResolver } from '../modules/inspection/inspection.resolver.js';
import { HazardPhotosResolver, PhotoResolver } from '../modules/photo/photo.resolver.js';

export const resolvers = [
  AuthResolver, DepartmentResolver, EnterpriseResolver, HazardResolver, AuditResolver,
  // The closed loop (issue 3).
  HazardLifecycleResolver, ExtensionResolver, HazardExtensionsResolver, PhotoResolver, HazardPhotosResolver,
  InspectionResolver, InspectionFindingResolver, EnterpriseCrossCheckResolver,
  EnforcementResolver, EnterpriseEnforcementResolver, StatsResolver,
] as const;

export function buildHazardLoopSchema(pubSub?: PubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    ...(pubSub ? { pubSub } : {}),
  });
}
