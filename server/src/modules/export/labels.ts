import { DIMENSION_VALUE_LABELS } from '../analytics/stats-labels.js';
import { HazardStatus } from '../hazard/hazard.enums.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';

/** The ledger's columns, in the order of the paper 隐患排查治理台账. */
export const LEDGER_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '发现时间', width: 17 },
  { header: '隐患名称', width: 28 },
  { header: '部位', width: 14 },
  { header: '隐患级别', width: 10 },
  { header: '来源', width: 10 },
  { header: '整改措施', width: 36 },
  { header: '责任人', width: 10 },
  { header: '整改期限', width: 17 },
  { header: '状态', width: 14 },
  { header: '闭环时间', width: 17 },
  { header: '验收人', width: 12 },
  { header: '照片', width: 40 },
] as const;

const STATUS_LABELS: Record<HazardStatus, string> = {
  [HazardStatus.RECTIFYING]: '整改中',
  [HazardStatus.PENDING_VERIFICATION]: '待验收',
  [HazardStatus.CLOSED]: '已闭环',
};

export function statusLabel(status: HazardStatus, overdue: boolean, onSpot: boolean): string {
  if (onSpot) return '现场整改';
  return overdue ? `${STATUS_LABELS[status]}（已超期）` : STATUS_LABELS[status];
}

export const valueLabel = (value: string): string => DIMENSION_VALUE_LABELS[value] ?? value;

/**
 * One formatter per zone, made once: building an Intl.DateTimeFormat costs far more than using one,
 * and a 10,000-row ledger formats 40,000 times.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD HH:mm` in the bureau's zone (R1): what a reader of the paper ledger expects. */
export function bureauDateTime(instant: Date | null | undefined, timeZone: string): string {
  if (!instant) return '';
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const part: Record<string, string> = {};
  for (const p of format.formatToParts(instant)) part[p.type] = p.value;
  return `${part.year}-${part.month}-${part.day} ${part.hour === '24' ? '00' : part.hour}:${part.minute}`;
}

/** A percentage as the bureau prints it; an empty cell when there was nothing to count. */
export const percent = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? '' : `${(rate * 100).toFixed(1)}%`;

/** Content-Disposition with a Chinese file name (RFC 5987), and an ASCII fallback for old clients. */
export function attachment(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
