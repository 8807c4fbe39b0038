import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import type { Env } from '../../config/env.js';
import type { Orm } from '../../config/database.js';
import { log } from '../../config/log.js';
import type { Clock } from '../common/clock.js';
import { Delivery, DeliveryFormat, DeliveryStatus, type DeliverySubject } from './delivery.entity.js';
import { isWeComRobot, redactUrl } from './redact.js';
import { wecomImageBody, wecomMarkdownBody } from './wecom.js';

/** One reminder to post: the generic JSON body, the markdown a chat robot shows, the image if there is one. */
export interface OutboundMessage {
  subject: DeliverySubject;
  key: string;
  json: Record<string, unknown>;
  markdown: string;
  image?: Buffer | null;
}

type Settings = Pick<Env, 'webhookUrls'> & {
  reminders: Pick<Env['reminders'], 'webhookAttempts' | 'webhookBackoffMs'>;
};

const ATTEMPT_TIMEOUT_MS = 10_000;
/** Slack on a lease beyond the attempt and the wait that follows it. */
const LEASE_MARGIN_MS = 30_000;
const LEFT_PENDING = '(left pending at shutdown; resumed when the server runs again)';

const hashUrl = (url: string) => createHash('sha256').update(url).digest('hex');

/**
 * Posts reminders to every WEBHOOK_URLS entry with retries and exponential backoff, recording each
 * message in the delivery log with its body. `send` returns at once: a slow or failing hook never
 * holds up (or fails) the snapshot that it announces. A message still being retried when the
 * server stops stays PENDING and is resumed by the timer leader's sweep (`resumePending`).
 */
export class WebhookDelivery {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly working = new Set<string>();
  private readonly wakers = new Set<() => void>();
  private stopping = false;

  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly settings: Settings,
  ) {}

  send(message: OutboundMessage): void {
    for (const url of this.settings.webhookUrls) this.track(this.sendTo(url, message), url);
  }

  /**
   * Takes up the messages a stopped process left PENDING (its lease over, or released at shutdown)
   * and continues their attempts. Returns how many it took up.
   */
  async resumePending(): Promise<number> {
    if (this.stopping) return 0;
    const em = this.orm.em.fork();
    const now = this.clock.now();
    const left = await em.find(
      Delivery,
      { status: DeliveryStatus.PENDING, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
      { orderBy: { createdAt: 'asc', id: 'asc' }, populate: ['body'] },
    );
    const resumable: Array<{ id: string; url: string }> = [];
    for (const record of left) {
      if (this.working.has(record.id)) continue;
      const url = this.settings.webhookUrls.find((u) => hashUrl(u) === record.targetHash);
      if (url && record.body) {
        resumable.push({ id: record.id, url });
        continue;
      }
      record.status = DeliveryStatus.FAILED;
      record.lastError =
        `${record.lastError ?? ''} (not resumed: ${url ? 'its body was not kept' : 'the URL is no longer in WEBHOOK_URLS'})`.trim();
      record.finishedAt = now;
      record.body = null;
    }
    await em.flush();
    for (const { id, url } of resumable) {
      const own = this.orm.em.fork();
      const record = await own.findOneOrFail(Delivery, id, { populate: ['body'] });
      log.info(
        `webhook ${record.target} (${record.format}, ${record.subject} ${record.subjectKey}): resuming after ${record.attempts} attempts`,
      );
      this.track(this.attempt(own, record, url), url);
    }
    return resumable.length;
  }

  /** Resolves once every message sent so far has been delivered, given up on, or left pending by a stop. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Cuts waits short (the server is shutting down); messages not delivered yet stay PENDING for the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    await this.settled();
  }

  private track(work: Promise<void>, url: string): void {
    const logged = work.catch((error) => log.error(`webhook ${redactUrl(url)}: ${(error as Error).message}`));
    this.inFlight.add(logged);
    void logged.finally(() => this.inFlight.delete(logged));
  }

  /** A WeCom robot gets its markdown, then its image (in that order, as a chat shows them); any other hook the JSON body. */
  private async sendTo(url: string, message: OutboundMessage): Promise<void> {
    if (!isWeComRobot(url)) {
      await this.post(url, message, DeliveryFormat.JSON, message.json);
      return;
    }
    await this.post(url, message, DeliveryFormat.WECOM_MARKDOWN, wecomMarkdownBody(message.markdown));
    const image = message.image ? wecomImageBody(message.image) : null;
    if (image) await this.post(url, message, DeliveryFormat.WECOM_IMAGE, image);
  }

  private async post(url: string, message: OutboundMessage, format: DeliveryFormat, body: unknown): Promise<void> {
    const em = this.orm.em.fork();
    const record = em.create(Delivery, {
      subject: message.subject,
      subjectKey: message.key,
      target: redactUrl(url),
      targetHash: hashUrl(url),
      body: JSON.stringify(body),
      format,
      status: DeliveryStatus.PENDING,
      createdAt: this.clock.now(),
      leaseUntil: new Date(this.clock.now().getTime() + ATTEMPT_TIMEOUT_MS + LEASE_MARGIN_MS),
    });
    await em.flush();
    await this.attempt(em, record, url);
  }

  /** The attempts left to a message, from the one after its last; each under a lease, so no other process takes it up meanwhile. */
  private async attempt(em: EntityManager, record: Delivery, url: string): Promise<void> {
    const target = record.target;
    const payload = record.body!;
    const { webhookAttempts, webhookBackoffMs } = this.settings.reminders;
    const backoff = (attempt: number) => webhookBackoffMs * 2 ** (attempt - 2);
    this.working.add(record.id);
    try {
      for (let attempt = record.attempts + 1, first = true; attempt <= webhookAttempts; attempt += 1, first = false) {
        if (!first) await this.pause(backoff(attempt));
        if (this.stopping && !first) {
          record.leaseUntil = null;
          record.lastError = `${(record.lastError ?? '').replace(LEFT_PENDING, '').trim()} ${LEFT_PENDING}`.trim();
          await em.flush();
          log.warn(`webhook ${target} (${record.format}, ${record.subject} ${record.subjectKey}): ${LEFT_PENDING}`);
          return;
        }
        record.attempts = attempt;
        record.leaseUntil = new Date(
          this.clock.now().getTime() + ATTEMPT_TIMEOUT_MS + backoff(attempt + 1) + LEASE_MARGIN_MS,
        );
        await em.flush();
        const outcome = await attemptPost(url, payload);
        record.httpStatus = outcome.status;
        if (outcome.ok) {
          this.settle(record, DeliveryStatus.DELIVERED, null);
          await em.flush();
          return;
        }
        record.lastError = outcome.error.split(url).join(target);
        log.warn(
          `webhook ${target} (${record.format}, ${record.subject} ${record.subjectKey}): attempt ${attempt} of ${webhookAttempts} failed: ${record.lastError}`,
        );
        await em.flush();
      }
      this.settle(record, DeliveryStatus.FAILED, record.lastError ?? null);
      await em.flush();
      log.error(
        `webhook ${target} (${record.format}, ${record.subject} ${record.subjectKey}): gave up after ${record.attempts} attempts: ${record.lastError}`,
      );
    } finally {
      this.working.delete(record.id);
    }
  }

  /** A settled message keeps its fate and drops its body (an image message is megabytes). */
  private settle(record: Delivery, status: DeliveryStatus, lastError: string | null): void {
    record.status = status;
    record.lastError = lastError;
    record.finishedAt = this.clock.now();
    record.leaseUntil = null;
    record.body = null;
  }

  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** One POST; a WeCom robot answers 200 with `errcode` ≠ 0 when it refuses, which counts as a failure. */
async function attemptPost(url: string, payload: string): Promise<Outcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'HazardLoop-webhook/1' },
      body: payload,
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    const text = await response.text().catch(() => '');
    if (!response.ok)
      return { ok: false, status: response.status, error: `HTTP ${response.status} ${text.slice(0, 200)}`.trim() };
    const errcode = wecomErrcode(text);
    if (errcode !== null && errcode !== 0)
      return {
        ok: false,
        status: response.status,
        error: `the robot answered errcode ${errcode}: ${text.slice(0, 200)}`,
      };
    return { ok: true, status: response.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      ok: false,
      status: null,
      error: [(error as Error).message, cause?.code ?? cause?.message].filter(Boolean).join(': '),
    };
  }
}

function wecomErrcode(text: string): number | null {
  try {
    const parsed = JSON.parse(text) as { errcode?: unknown };
    return typeof parsed.errcode === 'number' ? parsed.errcode : null;
  } catch {
    return null;
  }
}
