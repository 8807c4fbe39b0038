/**
 * A webhook URL as it may be shown: scheme, host and path; the query (WeCom's `key`), user info and
 * fragment hidden. Robot URLs are secrets (wallboard.md): logs and the delivery log use this only.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const params = [...new Set(u.searchParams.keys())].map((name) => `${encodeURIComponent(name)}=***`);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}${params.length ? `?${params.join('&')}` : ''}`;
  } catch {
    return '(an unparseable URL)';
  }
}

/** A WeCom group robot speaks its own message format; recognised by its path, so that a test double on 127.0.0.1 is too. */
export function isWeComRobot(url: string): boolean {
  try {
    return new URL(url).pathname === '/cgi-bin/webhook/send';
  } catch {
    return false;
  }
}
