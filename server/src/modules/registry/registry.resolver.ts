import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { Department } from '../department/department.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Township } from '../township/township.entity.js';
import { DepartmentInput, RegisterEnterpriseInput, UpdateEnterpriseInput } from './registry.inputs.js';
import {
  createDepartment,
  createTownship,
  registerEnterprise,
  setEnterpriseActive,
  updateDepartment,
  updateEnterprise,
} from './registry.service.js';

/** The registry over time (R13): admin only; every change an audit entry, enterprise changes an event. */
@Resolver()
export class RegistryResolver {
  @Mutation(() => Enterprise, {
    description:
      'Registers an enterprise (admin only). It gets the next code (e101, …); its department sees it at once; ENTERPRISE_REGISTERED.',
  })
  registerEnterprise(
    @Arg('input', () => RegisterEnterpriseInput) input: RegisterEnterpriseInput,
    @Ctx() ctx: Context,
  ): Promise<Enterprise> {
    return registerEnterprise(ctx, requireViewer(ctx), input);
  }

  @Mutation(() => Enterprise, {
    description:
      'Changes an enterprise with a reason (admin only); a new departmentId moves it and its history to that department at once (queries, subscriptions, wallboards of both). ENTERPRISE_CHANGED.',
  })
  updateEnterprise(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateEnterpriseInput) input: UpdateEnterpriseInput,
    @Arg('reason') reason: string,
    @Ctx() ctx: Context,
  ): Promise<Enterprise> {
    return updateEnterprise(ctx, requireViewer(ctx), id, input, reason);
  }

  @Mutation(() => Enterprise, {
    description:
      'Retires (false) or restores (true) an enterprise, with a reason (admin only). Retired: out of counts, rates, displays (cleared with ALERT_CLEARED), wallboard, dispatches and bulletins, its accounts signed out; its history stays readable.',
  })
  setEnterpriseActive(
    @Arg('id', () => ID) id: string,
    @Arg('active') active: boolean,
    @Arg('reason') reason: string,
    @Ctx() ctx: Context,
  ): Promise<Enterprise> {
    return setEnterpriseActive(ctx, requireViewer(ctx), id, active, reason);
  }

  @Mutation(() => Department, { description: 'Creates a department with the next number (admin only).' })
  createDepartment(
    @Arg('input', () => DepartmentInput) input: DepartmentInput,
    @Ctx() ctx: Context,
  ): Promise<Department> {
    return createDepartment(ctx, requireViewer(ctx), input);
  }

  @Mutation(() => Department, {
    description: 'Renames a department or changes its deputy leader and section chief (admin only).',
  })
  updateDepartment(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => DepartmentInput) input: DepartmentInput,
    @Ctx() ctx: Context,
  ): Promise<Department> {
    return updateDepartment(ctx, requireViewer(ctx), id, input);
  }

  @Mutation(() => Township, { description: 'Adds a township (admin only).' })
  createTownship(@Arg('name') name: string, @Ctx() ctx: Context): Promise<Township> {
    return createTownship(ctx, requireViewer(ctx), name);
  }
}
