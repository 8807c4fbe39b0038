import type { Env } from '../../config/env.js';
import type { DailySnapshot } from './daily-snapshot.entity.js';
import type { RateDetail } from '../wallboard/wallboard.type.js';
import type { SnapshotData } from './snapshot.types.js';

export const percent = (value: number) => `${(value * 100).toFixed(value === 1 ? 0 : 1)}%`;
const frac = (f: RateDetail) => `${f.numerator}/${f.denominator}`;
const days = (n: number) => (Number.isInteger(n) ? `${n}` : n.toFixed(1));

/** `11月20日` in the bureau's zone: when a missed check has stood since. */
function bureauDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, month: 'long', day: 'numeric' }).format(instant);
}

export function bureauClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** The chat summary of a snapshot: the headline numbers and the four displays by name, for a WeCom markdown message. */
export function snapshotMarkdown(
  snapshot: DailySnapshot,
  data: SnapshotData,
  env: Pick<Env, 'bureauTz' | 'reminders'>,
  pageUrl: string,
): string {
  const w = data.wallboard;
  const d = data.displays;
  const win = data.windows;
  const key = (on: boolean) => (on ? '【重点】' : '');
  const red = (n: number) => (n > 0 ? `<font color="warning">**${n}**</font>` : `**${n}**`);
  const lines = [
    `### ${env.reminders.bureauName} · 隐患排查治理每日快照`,
    `> ${snapshot.date}，${bureauClock(snapshot.takenAt, env.bureauTz)} 冻结的数据（此后的变化不计入）`,
    '',
    `企业总数 **${w.enterpriseCount}**`,
    `${days(win.noLoginDays)}日登录率 **${percent(w.loginRate)}**（${frac(w.loginRateDetail)}）`,
    `${days(win.noFilingDays)}日填报率 **${percent(w.filingRate)}**（${frac(w.filingRateDetail)}）`,
    `${days(win.onTimeDays)}日按期整改率 **${percent(w.onTimeRate)}**（${frac(w.onTimeRateDetail)}）`,
    `在办隐患 重大 ${red(w.openMajor)} / 二级 **${w.openSecond}** / 三级 **${w.openThird}**`,
    `超期未整改 ${red(w.overdueHazards)}　重点督查对象 **${w.keyTargetCount}**`,
    `30日排查任务完成率 **${percent(w.checkCompletionRate)}**（${frac(w.checkCompletionRateDetail)}）　排查逾期企业 ${red(d.checksMissed.length)}`,
    '',
    `**${days(win.noLoginDays)}天未登录（${d.noLogin.length}）**`,
    ...d.noLogin.map((e) => `- ${key(e.keyTarget)}${e.name}（${e.code}，${e.departmentName}）`),
    `**${days(win.noFilingDays)}天未填报（${d.noFiling.length}）**`,
    ...d.noFiling.map((e) => `- ${key(e.keyTarget)}${e.name}（${e.code}，${e.departmentName}）`),
    `**超期未整改（${d.overdue.length}）**`,
    ...d.overdue.map((h) => `- ${key(h.keyTarget)}${h.enterpriseName}：${h.title}（超期 ${h.daysOverdue} 天）`),
    `**排查任务逾期（${d.checksMissed.length}）**`,
    ...d.checksMissed.map(
      (e) => `- ${key(e.keyTarget)}${e.name}（${e.code}，${e.departmentName}，${bureauDay(e.since, env.bureauTz)} 起）`,
    ),
    '',
    `[查看快照](${pageUrl})　校验码 ${snapshot.contentHash.slice(0, 16)}`,
  ];
  return lines.join('\n');
}
