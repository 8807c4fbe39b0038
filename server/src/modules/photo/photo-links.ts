import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../common/clock.js';

/** Long enough for a page to load its photos and be looked at; a reload asks for fresh links. */
export const PHOTO_LINK_TTL_MS = 30 * 60_000;

/**
 * Short-lived HMAC tokens for one photo, `<expiry base36>.<signature>` as in snapshot-links.ts: an <img>
 * cannot send a bearer header, so the hazard query hands out signed paths to those who may see the photo.
 * The key is LINK_SECRET, or random per process when it is unset.
 */
export class PhotoLinks {
  private readonly key: Buffer;

  constructor(
    secret: string | null,
    private readonly clock: Clock,
    private readonly ttlMs = PHOTO_LINK_TTL_MS,
  ) {
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  /** `ttlMs` longer than the page default serves an exported ledger, whose links must outlive the download. */
  sign(photoId: string, ttlMs = this.ttlMs): string {
    const expires = (this.clock.now().getTime() + ttlMs).toString(36);
    return `${expires}.${this.mac(photoId, expires)}`;
  }

  verify(photoId: string, token: string | null | undefined): boolean {
    const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
    if (!match) return false;
    const [, expires, signature] = match as unknown as [string, string, string];
    if (parseInt(expires, 36) <= this.clock.now().getTime()) return false;
    const expected = Buffer.from(this.mac(photoId, expires));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** The path an <img> tag can load. */
  path(photoId: string, ttlMs = this.ttlMs): string {
    return `/uploads/${photoId}?token=${this.sign(photoId, ttlMs)}`;
  }

  private mac(photoId: string, expires: string): string {
    return createHmac('sha256', this.key)
      .update(`hazardloop-photo:${photoId.toLowerCase()}:${expires}`)
      .digest('base64url');
  }
}
