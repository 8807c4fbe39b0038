import { authToken } from '../../auth/composables/session.js';

/**
 * Downloads one of the server's exports (`GET /exports/…`): an <a href> cannot send the Bearer
 * token, so the file is fetched with it and handed to the browser as a blob. A refusal is thrown
 * with the server's own sentence (api.md's codes).
 */
export async function downloadExport(path: string, fallbackName: string): Promise<void> {
  const token = authToken.value;
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `${response.status}`);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The query string of an export's period. */
export const periodQuery = (from: Date, to: Date): string =>
  `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
