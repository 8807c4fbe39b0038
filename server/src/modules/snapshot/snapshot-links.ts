import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../common/clock.js';

/**
 * What a signed link lets its holder do: `page` reads one day's frozen data (the renderer opens the
 * snapshot page with it, so no sign-in UI is needed), `image` fetches that day's PNG (an <img> tag
 * or a chat robot cannot send a bearer header).
 */
export type LinkPurpose = 'page' | 'image';

/** The renderer needs the page only for as long as Chromium takes to load it. */
export const PAGE_LINK_TTL_MS = 5 * 60_000;

/**
 * Short-lived HMAC tokens bound to a purpose and a snapshot date: `<expiry base36>.<signature>`.
 * The key is LINK_SECRET, or random per process when it is unset.
 */
export class SnapshotLinks {
  private readonly key: Buffer;

  constructor(
    secret: string | null,
    private readonly clock: Clock,
    private readonly imageTtlMs: number,
  ) {
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  sign(purpose: LinkPurpose, date: string, ttlMs = purpose === 'page' ? PAGE_LINK_TTL_MS : this.imageTtlMs): string {
    const expires = (this.clock.now().getTime() + ttlMs).toString(36);
    return `${expires}.${this.mac(purpose, date, expires)}`;
  }

  verify(purpose: LinkPurpose, date: string, token: string | null | undefined): boolean {
    const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
    if (!match) return false;
    const [, expires, signature] = match as unknown as [string, string, string];
    if (parseInt(expires, 36) <= this.clock.now().getTime()) return false;
    const expected = Buffer.from(this.mac(purpose, date, expires));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** The path of a day's PNG with an image token, for <img> tags and webhook messages. */
  imagePath(date: string): string {
    return `/snapshots/${date}.png?token=${this.sign('image', date)}`;
  }

  private mac(purpose: LinkPurpose, date: string, expires: string): string {
    return createHmac('sha256', this.key)
      .update(`hazardloop-snapshot:${purpose}:${date}:${expires}`)
      .digest('base64url');
  }
}
