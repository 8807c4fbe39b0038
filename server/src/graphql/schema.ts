import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, type PubSub } from 'type-graphql';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { DepartmentResolver } from '../modules/department/department.resolver.js';
import { EnterpriseResolver } from '../modules/enterprise/enterprise.resolver.js';
import { HazardResolver } from '../modules/hazard/hazard.resolver.js';
import { DeliveryResolver } from '../modules/delivery/delivery.resolver.js';
import { BulletinResolver, WeeklyDispatchResolver } from '../modules/reminders/reminders.resolver.js';
import { SnapshotResolver } from '../modules/snapshot/snapshot.resolver.js';

export const resolvers = [
  AuthResolver,
  DepartmentResolver,
  EnterpriseResolver,
  HazardResolver,
  AuditResolver,
  SnapshotResolver,
  WeeklyDispatchResolver,
  BulletinResolver,
  DeliveryResolver,
] as const;

export function buildHazardLoopSchema(pubSub?: PubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    ...(pubSub ? { pubSub } : {}),
  });
}
