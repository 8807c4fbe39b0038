import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { log } from '../../config/log.js';
import type { AppDeps } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { bureauDate } from '../common/bureau-time.js';
import { canonicalJson } from '../common/canonical-json.js';
import { DeliverySubject } from '../delivery/delivery.entity.js';
import { EventKind } from '../event/event-kind.js';
import { runChange } from '../event/change.js';
import { DailySnapshot, ReminderTrigger, SnapshotImageStatus } from './daily-snapshot.entity.js';
import { pngFacts, type RenderResult } from './snapshot-image.js';
import { snapshotMarkdown } from './snapshot-message.js';
import { readSnapshotSource } from './snapshot-source.js';
import { parseSnapshotData } from './snapshot.types.js';

export interface TakeSnapshotOptions {
  date: string;
  trigger: ReminderTrigger;
  actorId: string | null;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A PENDING image older than this was left by a process that stopped while rendering (a render gives up within two minutes). */
export const STALE_RENDER_MS = 3 * 60_000;
/** Renders interrupted this often (a crash each time) are not tried again by the timer; takeSnapshot still can. */
const MAX_RENDER_ATTEMPTS = 3;

const renderIsStale = (snapshot: DailySnapshot, now: Date) =>
  snapshot.imageStatus === SnapshotImageStatus.PENDING && snapshot.takenAt.getTime() <= now.getTime() - STALE_RENDER_MS;

/**
 * Takes the snapshot of `date` once: freezes the figures, stores them with SNAPSHOT_TAKEN, renders
 * the image, then hands the result to the webhooks. A snapshot that exists is returned as it is
 * (asked for on demand while its image is missing, the image is rendered again from the frozen
 * data). Two processes racing for the same day meet the unique date: the loser returns the winner's.
 */
export async function takeDailySnapshot(
  em: EntityManager,
  deps: AppDeps,
  options: TakeSnapshotOptions,
): Promise<DailySnapshot> {
  const existing = await em.findOne(DailySnapshot, { date: options.date });
  if (existing) {
    const missing =
      existing.imageStatus === SnapshotImageStatus.UNAVAILABLE || renderIsStale(existing, deps.clock.now());
    if (options.trigger === ReminderTrigger.ON_DEMAND && missing && !deps.reminders.rendering.has(existing.date)) {
      const wasPending = existing.imageStatus === SnapshotImageStatus.PENDING;
      await renderSnapshotImage(em, deps, existing);
      // A snapshot whose render was interrupted was never announced.
      if (wasPending) announceSnapshot(deps, existing);
    }
    return existing;
  }

  const now = deps.clock.now();
  // A snapshot freezes the figures of the moment it is taken: it may bear only today's date (bureau
  // time). A past day without its snapshot stays without one rather than hold today's figures.
  const today = bureauDate(now, deps.env.bureauTz);
  if (options.date < today) throw badInput('reminders.snapshotPast', { day: options.date, today }, 'date');
  const data = await readSnapshotSource(em, deps, now);
  const json = canonicalJson(data);
  let snapshot: DailySnapshot;
  try {
    snapshot = await runChange(em, deps.publisher, async (change) => {
      const { tx } = change;
      const row = tx.create(DailySnapshot, {
        date: options.date,
        takenAt: now,
        trigger: options.trigger,
        takenBy: options.actorId ?? undefined,
        data: json,
        contentHash: sha256(json),
        imageStatus: SnapshotImageStatus.PENDING,
      });
      await tx.flush();
      await change.audit({
        at: now,
        actorId: options.actorId,
        action: 'snapshot.taken',
        subjectType: 'daily_snapshot',
        subjectId: row.id,
        data: { date: row.date, contentHash: row.contentHash, trigger: row.trigger },
      });
      await change.emit({
        kind: EventKind.SNAPSHOT_TAKEN,
        at: now,
        payload: { snapshotId: row.id, date: row.date, contentHash: row.contentHash },
      });
      return row;
    });
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await em.fork().findOneOrFail(DailySnapshot, { date: options.date });
    log.info(`snapshot ${options.date}: another process took it first; keeping theirs`);
    return em.merge(winner);
  }
  log.info(`snapshot ${snapshot.date} taken (${snapshot.trigger}, hash ${snapshot.contentHash.slice(0, 12)})`);

  await renderSnapshotImage(em, deps, snapshot);
  announceSnapshot(deps, snapshot);
  return snapshot;
}

/** Renders the snapshot page of the frozen data into a PNG and stores it, or records why it could not. Never throws. */
export async function renderSnapshotImage(em: EntityManager, deps: AppDeps, snapshot: DailySnapshot): Promise<void> {
  const { reminders } = deps;
  const pageUrl = `${reminders.internalUrl()}/snapshot/${snapshot.date}?token=${reminders.links.sign('page', snapshot.date)}&render=1`;
  // Counted before Chromium starts, so that renders a crash keeps interrupting are given up on.
  snapshot.imageAttempts += 1;
  reminders.rendering.add(snapshot.date);
  let result: RenderResult;
  try {
    await em.flush();
    result = await reminders.renderer.render(pageUrl);
  } catch (error) {
    result = { ok: false, reason: `The image could not be rendered: ${(error as Error).message}` };
  } finally {
    reminders.rendering.delete(snapshot.date);
  }
  const facts = result.ok ? pngFacts(result.png) : null;
  if (result.ok && facts) {
    snapshot.imageStatus = SnapshotImageStatus.STORED;
    snapshot.imagePng = result.png;
    snapshot.imageBytes = result.png.length;
    snapshot.imageWidth = facts.width;
    snapshot.imageHeight = facts.height;
    snapshot.imageMd5 = facts.md5;
    snapshot.imageUnavailableReason = null;
    snapshot.imageRenderedAt = deps.clock.now();
    log.info(`snapshot ${snapshot.date}: image stored (${facts.width}×${facts.height}, ${result.png.length} bytes)`);
  } else {
    snapshot.imageStatus = SnapshotImageStatus.UNAVAILABLE;
    snapshot.imageUnavailableReason = result.ok ? 'The renderer returned something that is not a PNG.' : result.reason;
    log.warn(`snapshot ${snapshot.date}: no image. ${snapshot.imageUnavailableReason}`);
  }
  try {
    await em.flush();
  } catch (error) {
    log.error(`snapshot ${snapshot.date}: could not store the image outcome: ${(error as Error).message}`);
  }
}

/**
 * The timer's retry of images left PENDING by a process that stopped while rendering: renders each
 * again and announces it (a snapshot is announced only once its image is settled, so it never was).
 */
export async function retryInterruptedImages(deps: AppDeps): Promise<number> {
  const em = deps.orm.em.fork();
  const now = deps.clock.now();
  const pending = await em.find(
    DailySnapshot,
    { imageStatus: SnapshotImageStatus.PENDING, takenAt: { $lte: new Date(now.getTime() - STALE_RENDER_MS) } },
    { orderBy: { date: 'asc' } },
  );
  let retried = 0;
  for (const snapshot of pending) {
    if (deps.reminders.rendering.has(snapshot.date)) continue;
    if (snapshot.imageAttempts >= MAX_RENDER_ATTEMPTS) {
      snapshot.imageStatus = SnapshotImageStatus.UNAVAILABLE;
      snapshot.imageUnavailableReason = `Rendering was interrupted ${snapshot.imageAttempts} times (the server stopped while Chromium ran). Check the server's memory, then take the snapshot again (takeSnapshot renders a missing image).`;
      await em.flush();
      log.error(`snapshot ${snapshot.date}: ${snapshot.imageUnavailableReason}`);
    } else {
      log.warn(
        `snapshot ${snapshot.date}: its image was left pending (attempt ${snapshot.imageAttempts}); rendering it again`,
      );
      await renderSnapshotImage(em, deps, snapshot);
    }
    announceSnapshot(deps, snapshot);
    retried += 1;
  }
  return retried;
}

/** Posts the snapshot to every webhook: figures and a link in every body, the PNG itself to WeCom robots. Never throws. */
export function announceSnapshot(deps: AppDeps, snapshot: DailySnapshot): void {
  try {
    postSnapshot(deps, snapshot);
  } catch (error) {
    log.error(`snapshot ${snapshot.date}: could not hand it to the webhooks: ${(error as Error).message}`);
  }
}

function postSnapshot(deps: AppDeps, snapshot: DailySnapshot): void {
  if (deps.env.webhookUrls.length === 0) return;
  const data = parseSnapshotData(snapshot.data);
  const imageUrl =
    snapshot.imageStatus === SnapshotImageStatus.STORED
      ? `${deps.reminders.publicUrl()}${deps.reminders.links.imagePath(snapshot.date)}`
      : null;
  const pageUrl = `${deps.reminders.publicUrl()}/snapshot/${snapshot.date}`;
  deps.reminders.delivery.send({
    subject: DeliverySubject.SNAPSHOT,
    key: snapshot.date,
    markdown: snapshotMarkdown(snapshot, data, deps.env, pageUrl),
    image: snapshot.imageStatus === SnapshotImageStatus.STORED ? (snapshot.imagePng ?? null) : null,
    json: {
      type: 'hazardloop.snapshot',
      date: snapshot.date,
      takenAt: snapshot.takenAt.toISOString(),
      contentHash: snapshot.contentHash,
      imageUrl,
      imageStatus: snapshot.imageStatus,
      imageUnavailableReason: snapshot.imageUnavailableReason ?? null,
      pageUrl,
      wallboard: data.wallboard,
      windows: data.windows,
      displays: data.displays,
    },
  });
}

/** Today in the bureau's time zone. */
export function bureauToday(deps: Pick<AppDeps, 'clock' | 'env'>): string {
  return bureauDate(deps.clock.now(), deps.env.bureauTz);
}
