import { createHash } from 'node:crypto';

/** Sessions and kiosk links store the SHA-256 of their token, never the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
