import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { requireViewer, type Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { requestLoader } from '../../graphql/request-loader.js';
import { ownedByEnterpriseWhere } from '../auth/scope.js';
import { isUuid } from '../common/ids.js';
import { paginate } from '../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { FileHazardInput } from '../hazard/hazard.inputs.js';
import { CheckTask } from './check-task.entity.js';
import { recordCheck } from './check.service.js';
import { ControlMeasure } from './control-measure.entity.js';
import { RiskLevelChange, RiskPoint } from './risk-point.entity.js';
import { CheckResult, RiskLevel } from './risk.enums.js';
import { CheckTaskFilter, ControlMeasureInput, RiskPointInput } from './risk.inputs.js';
import { enterpriseRiskLevels } from './risk.repository.js';
import { saveControlMeasure, saveRiskPoint } from './risk.service.js';

export const CheckTaskConnection = connectionOf(CheckTask, 'CheckTask');

function checkTaskWhere(ctx: Context, filter?: CheckTaskFilter): FilterQuery<CheckTask> {
  const conditions: FilterQuery<CheckTask>[] = [ownedByEnterpriseWhere<CheckTask>(requireViewer(ctx).scope)];
  if (filter?.enterpriseId) {
    if (!isUuid(filter.enterpriseId))
      throw badInput('common.invalidId', { field: 'filter.enterpriseId' }, 'filter.enterpriseId');
    conditions.push({ enterprise: filter.enterpriseId.toLowerCase() });
  }
  if (filter?.status) conditions.push({ status: filter.status });
  if (filter?.dueFrom) conditions.push({ dueAt: { $gte: filter.dueFrom } });
  if (filter?.dueTo) conditions.push({ dueAt: { $lte: filter.dueTo } });
  return { $and: conditions } as FilterQuery<CheckTask>;
}

@Resolver(() => RiskPoint)
export class RiskPointResolver {
  @Mutation(() => RiskPoint, {
    description:
      'Enters (no id) or re-assesses (id) a risk point of your own enterprise’s register (R14); its level follows LS and the bands. Enterprise accounts only.',
  })
  saveRiskPoint(@Arg('input', () => RiskPointInput) input: RiskPointInput, @Ctx() ctx: Context): Promise<RiskPoint> {
    return saveRiskPoint(ctx, input);
  }

  @FieldResolver(() => Enterprise)
  enterprise(@Root() point: RiskPoint): Promise<Enterprise> {
    return point.enterprise.loadOrFail();
  }

  @FieldResolver(() => [ControlMeasure], { description: 'Its control measures, oldest first.' })
  async measures(@Root() point: RiskPoint, @Ctx() ctx: Context): Promise<ControlMeasure[]> {
    const load = requestLoader(ctx, 'RiskPoint.measures', async (ids: readonly string[]) => {
      const rows = await ctx.em.find(
        ControlMeasure,
        { riskPoint: { $in: [...ids] } },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      const by = new Map<string, ControlMeasure[]>();
      for (const row of rows) by.set(row.riskPoint.id, [...(by.get(row.riskPoint.id) ?? []), row]);
      return by;
    });
    return (await load(point.id)) ?? [];
  }

  @FieldResolver(() => [RiskLevelChange], {
    description: 'Every assessment of this point, newest first (level history).',
  })
  history(@Root() point: RiskPoint, @Ctx() ctx: Context): Promise<RiskLevelChange[]> {
    return ctx.em.find(RiskLevelChange, { riskPoint: point.id }, { orderBy: { at: 'desc', id: 'asc' } });
  }
}

@Resolver(() => ControlMeasure)
export class ControlMeasureResolver {
  @Mutation(() => ControlMeasure, {
    description:
      'Adds (no id) or changes (id) a control measure with its check cycle; a new measure’s first check task opens at once. Enterprise accounts only.',
  })
  saveControlMeasure(
    @Arg('input', () => ControlMeasureInput) input: ControlMeasureInput,
    @Ctx() ctx: Context,
  ): Promise<ControlMeasure> {
    return saveControlMeasure(ctx, input);
  }

  @FieldResolver(() => RiskPoint)
  riskPoint(@Root() measure: ControlMeasure): Promise<RiskPoint> {
    return measure.riskPoint.loadOrFail();
  }

  @FieldResolver(() => CheckTask, { nullable: true, description: 'The task of the current cycle.' })
  async currentTask(@Root() measure: ControlMeasure, @Ctx() ctx: Context): Promise<CheckTask | null> {
    return measure.currentTaskId ? ctx.em.findOne(CheckTask, { id: measure.currentTaskId }) : null;
  }
}

@Resolver(() => CheckTask)
export class CheckTaskResolver {
  @Query(() => CheckTaskConnection, {
    description: 'Check tasks you may see (R6), soonest due first; `first` at most 200.',
  })
  checkTasks(
    @Ctx() ctx: Context,
    @Arg('filter', () => CheckTaskFilter, { nullable: true }) filter?: CheckTaskFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return paginate(
      ctx.em,
      CheckTask,
      checkTaskWhere(ctx, filter),
      { first, after },
      {
        field: 'dueAt',
        direction: 'asc',
        type: 'date',
      },
    );
  }

  @Mutation(() => CheckTask, {
    description:
      'Records the check of an open task: NORMAL (a self-inspection) or HAZARD_FOUND with the hazard, filed as fileHazard would (source SELF_INSPECTION). Enterprise accounts only.',
  })
  recordCheck(
    @Ctx() ctx: Context,
    @Arg('taskId', () => ID) taskId: string,
    @Arg('result', () => CheckResult) result: CheckResult,
    @Arg('note', () => String, { nullable: true }) note?: string,
    @Arg('photoIds', () => [ID], { nullable: true, description: 'Photos of the hazard found (HAZARD_FOUND).' })
    photoIds?: string[],
    @Arg('hazard', () => FileHazardInput, { nullable: true, description: 'The hazard found (HAZARD_FOUND).' })
    hazard?: FileHazardInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: 'A retry with the same key records once.' })
    idempotencyKey?: string,
    @Arg('queuedAt', () => Date, {
      nullable: true,
      description:
        'When the phone queued this check, if it waited in an outbox (R17); kept in the history with the delay the server saw.',
    })
    queuedAt?: Date,
  ): Promise<CheckTask> {
    return recordCheck(ctx, { taskId, result, note, photoIds, hazard, idempotencyKey, queuedAt });
  }

  @FieldResolver(() => ControlMeasure)
  measure(@Root() task: CheckTask): Promise<ControlMeasure> {
    return task.measure.loadOrFail();
  }

  @FieldResolver(() => Hazard, { nullable: true, description: 'The hazard filed with a HAZARD_FOUND check.' })
  async hazard(@Root() task: CheckTask): Promise<Hazard | null> {
    return (await task.hazard?.load()) ?? null;
  }
}

@Resolver(() => Enterprise)
export class EnterpriseRiskResolver {
  @FieldResolver(() => RiskLevel, {
    nullable: true,
    description: 'The enterprise’s risk level: the highest of its risk points (R14); null with an empty register.',
  })
  async riskLevel(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<RiskLevel | null> {
    const load = requestLoader(ctx, 'Enterprise.riskLevel', (ids: readonly string[]) =>
      enterpriseRiskLevels(ctx.em, ids),
    );
    return (await load(enterprise.id)) ?? null;
  }

  @FieldResolver(() => [RiskPoint], { description: 'Its risk register, highest score first.' })
  riskPoints(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<RiskPoint[]> {
    return ctx.em.find(RiskPoint, { enterprise: enterprise.id }, { orderBy: { score: 'desc', name: 'asc' } });
  }
}

@Resolver(() => Hazard)
export class HazardCheckResolver {
  @FieldResolver(() => CheckTask, {
    nullable: true,
    description: 'The check that found this hazard, if a check did (its measure and risk point through it).',
  })
  checkTask(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<CheckTask | null> {
    return ctx.em.findOne(CheckTask, { hazard: hazard.id });
  }
}
