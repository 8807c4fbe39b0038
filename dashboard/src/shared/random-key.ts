/** A random key for idempotent retries; `crypto.randomUUID` is missing on plain-http intranet pages. */
export function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
