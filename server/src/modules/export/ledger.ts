import type { EntityManager } from '@mikro-orm/knex';
import { DAY_MS } from '../common/duration.js';
import { dateParam, runSql } from '../common/raw-sql.js';
import type { HazardGrade, HazardStatus } from '../hazard/hazard.enums.js';
import { isOverdue } from '../hazard/overdue.js';
import { PhotoPhase } from '../photo/photo.entity.js';
import type { PhotoLinks } from '../photo/photo-links.js';
import { bureauDateTime, statusLabel, valueLabel } from './labels.js';

/** Rows read per statement: the export holds one batch at a time, whatever the ledger's length. */
export const LEDGER_BATCH = 500;

/** Photo links in an export outlive the download: the ledger is read, printed and passed on for a week. */
export const EXPORT_PHOTO_LINK_TTL_MS = 7 * DAY_MS;

export interface LedgerPeriod {
  from: Date | null;
  to: Date;
}

export interface LedgerPhoto {
  label: string;
  url: string;
}

/** One line of the ledger, as printed: every value already a string in the bureau's words. */
export interface LedgerRow {
  index: number;
  hazardId: string;
  discoveredAt: string;
  title: string;
  location: string;
  grade: string;
  source: string;
  measures: string;
  responsiblePerson: string;
  deadline: string;
  status: string;
  closedAt: string;
  confirmedBy: string;
  photos: LedgerPhoto[];
}

export interface LedgerContext {
  timeZone: string;
  now: Date;
  photoLinks: PhotoLinks;
  /** The server's address as the client reached it, so that photo links open from a spreadsheet. */
  baseUrl: string;
}

interface HazardRow {
  id: string;
  title: string;
  location: string | null;
  grade: HazardGrade;
  source: string;
  status: HazardStatus;
  measures: string | null;
  responsible_person: string | null;
  discovered_at: Date | number;
  deadline: Date | number | null;
  closed_at: Date | number | null;
  rectified_on_spot: boolean | number;
  submitted_late: boolean | number;
}

/** A timestamp column as read: a Date on PostgreSQL, epoch milliseconds on SQLite. */
const instant = (value: Date | number | null): Date | null => (value === null ? null : new Date(value));

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The hazards of one enterprise discovered in the period, oldest first, in batches of LEDGER_BATCH
 * (keyset paging on discovery time and id): three plain statements a batch, rows read as plain
 * objects rather than entities (hydrating 10,000 entities costs several times the SQL), so memory
 * stays bounded for a ledger of any length. The caller checks scope first (modules/auth).
 */
export async function* ledgerRows(
  em: EntityManager,
  enterpriseId: string,
  period: LedgerPeriod,
  context: LedgerContext,
): AsyncGenerator<LedgerRow[]> {
  const at = (d: Date) => dateParam(em, d);
  let after: { at: Date | number; id: string } | null = null;
  let index = 0;
  for (;;) {
    const conditions = ['h.enterprise_id = ?', 'h.discovered_at <= ?'];
    const params: unknown[] = [enterpriseId, at(period.to)];
    if (period.from) {
      conditions.push('h.discovered_at >= ?');
      params.push(at(period.from));
    }
    if (after) {
      conditions.push('(h.discovered_at > ? or (h.discovered_at = ? and h.id > ?))');
      params.push(after.at, after.at, after.id);
    }
    const hazards = await runSql<HazardRow>(
      em,
      `select h.id, h.title, h.location, h.grade, h.source, h.status, h.measures, h.responsible_person,
         h.discovered_at, h.deadline, h.closed_at, h.rectified_on_spot, h.submitted_late
       from hazard h where ${conditions.join(' and ')} order by h.discovered_at, h.id limit ${LEDGER_BATCH}`,
      params,
    );
    if (hazards.length === 0) return;
    const ids = hazards.map((h) => String(h.id));
    const [photos, closings] = await Promise.all([
      runSql<{ id: string; hazard_id: string; phase: PhotoPhase | null }>(
        em,
        `select p.id, p.hazard_id, p.phase from photo p where p.hazard_id in (${placeholders(ids.length)}) order by p.uploaded_at, p.id`,
        ids,
      ),
      runSql<{ subject_id: string; display_name: string | null }>(
        em,
        `select a.subject_id, u.display_name from audit_entry a left join app_user u on u.id = a.actor_id
         where a.action = 'hazard.closed' and a.subject_type = 'hazard' and a.subject_id in (${placeholders(ids.length)})
         order by a.seq`,
        ids,
      ),
    ]);
    const photosOf = new Map<string, LedgerPhoto[]>();
    for (const photo of photos) {
      const hazardId = String(photo.hazard_id);
      const list = photosOf.get(hazardId) ?? [];
      const phase = photo.phase === PhotoPhase.AFTER ? '整改后' : '整改前';
      list.push({
        label: `${phase}${list.length + 1}`,
        url: `${context.baseUrl}${context.photoLinks.path(String(photo.id), EXPORT_PHOTO_LINK_TTL_MS)}`,
      });
      photosOf.set(hazardId, list);
    }
    // The latest acceptance names the confirmer (a hazard sent back and accepted again closes again).
    const confirmer = new Map<string, string>();
    for (const entry of closings) confirmer.set(String(entry.subject_id), entry.display_name ?? '');
    const t = (d: Date | number | null) => bureauDateTime(instant(d), context.timeZone);
    yield hazards.map((h) => {
      const onSpot = Boolean(h.rectified_on_spot);
      const overdue = isOverdue(
        { status: h.status, deadline: instant(h.deadline) ?? undefined, submittedLate: Boolean(h.submitted_late) },
        context.now,
      );
      return {
        index: ++index,
        hazardId: String(h.id),
        discoveredAt: t(h.discovered_at),
        title: h.title,
        location: h.location ?? '',
        grade: valueLabel(h.grade),
        source: valueLabel(h.source),
        measures: h.measures ?? '',
        responsiblePerson: h.responsible_person ?? '',
        deadline: t(h.deadline),
        status: statusLabel(h.status, overdue, onSpot),
        closedAt: t(h.closed_at),
        confirmedBy: onSpot ? '（现场整改）' : (confirmer.get(String(h.id)) ?? ''),
        photos: photosOf.get(String(h.id)) ?? [],
      };
    });
    const last = hazards[hazards.length - 1]!;
    after = { at: last.discovered_at, id: String(last.id) };
  }
}
