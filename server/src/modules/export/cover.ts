import type { EntityManager } from '@mikro-orm/knex';
import type { Env } from '../../config/env.js';
import type { Viewer } from '../../graphql/context.js';
import { lastAuditLink } from '../audit/audit.service.js';
import { bureauDateTime } from './labels.js';

/** What every export says about itself: who made it, when, and the head of the audit chain (R7) then. */
export interface ExportCover {
  bureauName: string;
  title: string;
  exportedAt: Date;
  /** The footer's line: the audit chain's head at export time, so a printed page can be checked later. */
  chainLine: string;
  lines(rowCount?: number): Array<[string, string]>;
}

export async function exportCover(
  em: EntityManager,
  env: Env,
  viewer: Viewer,
  now: Date,
  title: string,
  facts: Array<[string, string]>,
): Promise<ExportCover> {
  const head = await lastAuditLink(em);
  const chainLine = head ? `审计链第 ${head.seq} 条 · 哈希 ${head.hash}` : '审计链尚无记录';
  const exportedAt = bureauDateTime(now, env.bureauTz);
  return {
    bureauName: env.reminders.bureauName,
    title,
    exportedAt: now,
    chainLine,
    lines: (rowCount) => [
      ['单位', env.reminders.bureauName],
      ['报表', title],
      ...facts,
      ...(rowCount === undefined ? [] : [['行数', String(rowCount)] as [string, string]]),
      ['导出时间', `${exportedAt}（${env.bureauTz}）`],
      ['导出人', `${viewer.user.displayName}（${viewer.user.username}）`],
      ['审计链', chainLine],
    ],
  };
}
