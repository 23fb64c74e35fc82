import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { ADMIN_PATH } from './auth.ts';

const policy = (styleSrc: string[]) =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc,
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

/**
 * Headers on every response. The CSP allows only this origin's scripts and styles: the Vite build emits
 * no inline script or style, and React sets style props through the CSSOM, which CSP does not govern
 * (the browser test fails on any violation). Bull Board's page has an inline <style>, so /admin/queues
 * alone allows inline styles; its Google Fonts link is blocked on purpose (system fonts, no third-party
 * request from the admin page). `frame-ancestors 'none'` forbids framing everywhere.
 */
export function securityHeaders(): MiddlewareHandler {
  const app = policy(["'self'"]);
  const admin = policy(["'self'", "'unsafe-inline'"]);
  return (c, next) =>
    c.req.path === ADMIN_PATH || c.req.path.startsWith(`${ADMIN_PATH}/`) ? admin(c, next) : app(c, next);
}
