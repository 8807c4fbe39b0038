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

type Settings = Pick<Env, 'webhookUrls'> & { reminders: Pick<Env['reminders'], 'webhookAttempts' | 'webhookBackoffMs'> };

const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * Posts reminders to every WEBHOOK_URLS entry with retries and exponential backoff, recording each
 * message in the delivery log. `send` returns at once: a slow or failing hook never holds up (or
 * fails) the snapshot that it announces.
 */
export class WebhookDelivery {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly wakers = new Set<() => void>();
  private stopping = false;

  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
    private readonly settings: Settings,
  ) {}

  send(message: OutboundMessage): void {
    for (const url of this.settings.webhookUrls) {
      const work = this.sendTo(url, message).catch((error) => log.error(`webhook ${redactUrl(url)}: ${(error as Error).message}`));
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    }
  }

  /** Resolves once every message sent so far has been delivered or given up on. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Cuts retries short (the server is shutting down) and waits for the messages to be logged. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    await this.settled();
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
    const target = redactUrl(url);
    const em = this.orm.em.fork();
    const record = em.create(Delivery, { subject: message.subject, subjectKey: message.key, target, format, status: DeliveryStatus.PENDING, createdAt: this.clock.now() });
    await em.flush();
    const payload = JSON.stringify(body);
    const { webhookAttempts, webhookBackoffMs } = this.settings.reminders;
    for (let attempt = 1; attempt <= webhookAttempts; attempt += 1) {
      if (attempt > 1) await this.pause(webhookBackoffMs * 2 ** (attempt - 2));
      if (this.stopping && attempt > 1) {
        record.lastError = `${record.lastError ?? ''} (retries stopped: the server shut down)`.trim();
        break;
      }
      record.attempts = attempt;
      const outcome = await attemptPost(url, payload);
      record.httpStatus = outcome.status;
      if (outcome.ok) {
        record.status = DeliveryStatus.DELIVERED;
        record.lastError = null;
        record.finishedAt = this.clock.now();
        await em.flush();
        return;
      }
      record.lastError = outcome.error.split(url).join(target);
      log.warn(`webhook ${target} (${format}, ${message.subject} ${message.key}): attempt ${attempt} of ${webhookAttempts} failed: ${record.lastError}`);
      await em.flush();
    }
    record.status = DeliveryStatus.FAILED;
    record.finishedAt = this.clock.now();
    await em.flush();
    log.error(`webhook ${target} (${format}, ${message.subject} ${message.key}): gave up after ${record.attempts} attempts: ${record.lastError}`);
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
    if (!response.ok) return { ok: false, status: response.status, error: `HTTP ${response.status} ${text.slice(0, 200)}`.trim() };
    const errcode = wecomErrcode(text);
    if (errcode !== null && errcode !== 0) return { ok: false, status: response.status, error: `the robot answered errcode ${errcode}: ${text.slice(0, 200)}` };
    return { ok: true, status: response.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, status: null, error: [(error as Error).message, cause?.code ?? cause?.message].filter(Boolean).join(': ') };
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
