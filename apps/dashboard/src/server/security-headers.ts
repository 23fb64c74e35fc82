import { secureHeaders } from 'hono/secure-headers';

/**
 * Headers on every response. The CSP allows only this origin's scripts (the Vite build emits no inline
 * script) and inline styles (Tremor/Recharts set style attributes); `frame-ancestors 'none'` forbids
 * framing. Bull Board's Google Fonts link is blocked on purpose: it falls back to system fonts and the
 * admin page makes no third-party request.
 */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
  });
