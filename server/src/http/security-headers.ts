import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * HTTP security headers (helmet) for every response. The policy is what the dashboard, GraphiQL
 * and the snapshot page (photographed by headless Chromium) need and no more: scripts only from
 * this origin (Vite bundles everything, no CDN on an intranet), styles likewise (Vue's style
 * bindings go through the CSSOM, which the policy allows), images from data:/blob: (photo previews),
 * workers from blob: (GraphiQL's editor), sockets back to this origin. No page may be framed:
 * kiosk TVs open the wallboard directly, so none needs an exception.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        // No upgrade-insecure-requests: a bureau's intranet often serves plain http, and upgrading would break every asset.
      },
    },
    frameguard: { action: 'deny' },
    // TLS is the reverse proxy's business (README); HSTS from here could pin a host name the proxy does not serve.
    strictTransportSecurity: false,
  });
}
