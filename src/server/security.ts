import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/**
 * The workspace's guards, even on localhost: a session token on every request (from the printed URL once, then an
 * HttpOnly SameSite=Strict cookie, or an `X-Staffwell-Token` header), the Host header checked against the address
 * the server listens on (no DNS rebinding), the Origin checked on every request that carries one and required on
 * every write (no cross-site POST), JSON-only writes, and a strict Content-Security-Policy with no inline script
 * or style.
 */

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface GuardOptions {
  token: string;
  /** The `host:port` values a request may name in Host (and, as http://…, in Origin). */
  hosts: () => readonly string[];
  /** Read per request (the cookie is named after the port, known once listening). */
  cookieName: () => string;
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function refuse(status: 401 | 403 | 415, code: string, message: string, hint: string): Response {
  return new Response(JSON.stringify({ error: { code, message, hint } }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-security-policy': CSP, 'cache-control': 'no-store' },
  });
}

export function guard(options: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const hosts = options.hosts();
    const host = c.req.header('host') ?? '';
    if (!hosts.includes(host.toLowerCase())) {
      return refuse(403, 'bad-host', `this server does not answer to host "${host}"`, `open ${hosts[0] ? `http://${hosts[0]}/` : 'the printed URL'}`);
    }
    const origin = c.req.header('origin');
    const write = !['GET', 'HEAD'].includes(c.req.method);
    if (origin !== undefined ? !hosts.some((h) => origin.toLowerCase() === `http://${h}`) : write) {
      return refuse(403, 'bad-origin', `requests from origin "${origin ?? '(none)'}" are refused`, 'use the workspace page itself');
    }
    const site = c.req.header('sec-fetch-site');
    if (write && site !== undefined && site !== 'same-origin') {
      return refuse(403, 'bad-origin', `cross-site request refused (sec-fetch-site "${site}")`, 'use the workspace page itself');
    }
    const url = new URL(c.req.url);
    const fromUrl = url.searchParams.get('token') ?? undefined;
    if (c.req.method === 'GET' && fromUrl !== undefined && sameToken(fromUrl, options.token)) {
      // the printed URL: set the cookie and drop the token from the address bar (and from history and referrers)
      setCookie(c, options.cookieName(), options.token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      url.searchParams.delete('token');
      return c.redirect(url.pathname + url.search + url.hash, 303);
    }
    const given = c.req.header('x-staffwell-token') ?? getCookie(c, options.cookieName());
    if (!sameToken(given, options.token)) {
      return refuse(401, 'no-token', 'this workspace needs its session token', 'open the URL that `staffwell serve` printed (it ends in ?token=…)');
    }
    if (write && !(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
      return refuse(415, 'not-json', 'writes are JSON', 'send Content-Type: application/json');
    }
    await next();
    c.header('content-security-policy', CSP);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    c.header('x-frame-options', 'DENY');
    c.header('cross-origin-opener-policy', 'same-origin');
    c.header('cross-origin-resource-policy', 'same-origin');
  };
}
