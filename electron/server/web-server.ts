// Web mode: the built renderer plus the API contract over HTTP (invoke) and WebSocket (events), behind the session token.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { TOPICS } from '../api/channels';
import type { Dispatch } from '../api/dispatch';
import { HTTP_STATUS, toErrorBody, ApiError } from '../api/errors';
import { MAX_UPLOAD_BASE64 } from '../api/schemas';
import type { EventBus } from '../services/event-bus';
import { originAllowed, requestToken, sessionCookie, tokenMatches } from './auth';
import { loginPage } from './login-page';
import { credentialsMatch, LoginThrottle, type Credentials } from './credentials';
import { serveStatic } from './static-files';
import { BACKUP_PATH, sendBackup, type BackupMaker } from './backup-download';

const MAX_BODY_BYTES = 1024 * 1024;
/** Channels that legitimately carry large bodies: a published inventory, an uploaded feed file. */
const LARGE_BODIES: Record<string, number> = {
  'ci:publish': 64 * 1024 * 1024,
  'feeds:upload': MAX_UPLOAD_BASE64 + 4096,
  'malware:upload': 80 * 1024 * 1024,
};
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export interface WebServerOptions {
  dispatch: Dispatch;
  bus: EventBus;
  token: string;
  rendererDir: string;
  host: string;
  port: number;
  /** When set, POST /api/login exchanges this user name and password for the session token. */
  credentials?: Credentials;
  /** Makes a consistent backup of console.db for GET /api/backup/console.db. */
  backup?: BackupMaker;
}

export interface RunningWebServer {
  url: string;
  /** The URL with the token, to print for the user (like a notebook server). */
  loginUrl: string;
  close(): Promise<void>;
}

export async function startWebServer(opts: WebServerOptions): Promise<RunningWebServer> {
  let allowedHosts: ReadonlySet<string> | 'any' = new Set<string>();
  const throttle = new LoginThrottle();
  const server = http.createServer((req, res) => {
    securityHeaders(res);
    handle(req, res).catch((err: unknown) => sendJson(res, 500, toErrorBody(err)));
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!originAllowed(req, allowedHosts)) {
      return sendJson(res, 403, {
        error: { code: 'forbidden', message: 'cross-origin or foreign-host request refused' },
      });
    }
    const url = new URL(req.url ?? '/', 'http://console.invalid');
    const authed = tokenMatches(opts.token, requestToken(req));

    if (url.pathname === '/login' && req.method === 'POST') return login(req, res);
    if (url.pathname === '/api/login' && req.method === 'POST') return apiLogin(req, res);
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && req.method === 'GET') {
      if (!tokenMatches(opts.token, queryToken))
        return sendHtml(res, 401, loginPage('That token is not valid.'));
      url.searchParams.delete('token');
      res.writeHead(302, { 'Set-Cookie': sessionCookie(opts.token), Location: url.pathname + url.search });
      return void res.end();
    }
    if (url.pathname.startsWith('/api/')) {
      if (!authed)
        return sendJson(res, 401, { error: { code: 'unauthorized', message: 'missing or invalid token' } });
      return api(req, res, url.pathname);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { error: { code: 'bad_request', message: 'method not allowed' } });
    if (!authed) return sendHtml(res, url.pathname === '/' ? 200 : 401, loginPage());
    if (!serveStatic(opts.rendererDir, url.pathname, res)) {
      sendJson(res, 404, { error: { code: 'not_found', message: `no such file: ${url.pathname}` } });
    }
  }

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const token = new URLSearchParams(body).get('token') ?? '';
    if (!tokenMatches(opts.token, token)) return sendHtml(res, 401, loginPage('That token is not valid.'));
    res.writeHead(303, { 'Set-Cookie': sessionCookie(opts.token), Location: '/' });
    res.end();
  }

  async function apiLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refuse = (status: number, message: string): void =>
      sendJson(res, status, { error: { code: status === 429 ? 'forbidden' : 'unauthorized', message } });
    if (!opts.credentials) return refuse(401, 'this console has no user account; use its access token');
    if (throttle.blocked()) return refuse(429, 'too many failed logins; wait a minute');
    let body: { username?: unknown; password?: unknown } = {};
    try {
      body = JSON.parse(await readBody(req, 4096)) as typeof body;
    } catch {
      return refuse(400, 'login body must be JSON {"username": …, "password": …}');
    }
    if (
      typeof body.username !== 'string' ||
      typeof body.password !== 'string' ||
      !credentialsMatch(opts.credentials, body.username, body.password)
    ) {
      throttle.fail();
      return refuse(401, 'wrong user name or password');
    }
    sendJson(res, 200, { token: opts.token });
  }

  async function api(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (pathname === BACKUP_PATH && req.method === 'GET' && opts.backup) return sendBackup(res, opts.backup);
    const m = /^\/api\/invoke\/([a-zA-Z]+:[a-zA-Z-]+)$/.exec(pathname);
    if (!m) return sendJson(res, 404, { error: { code: 'not_found', message: `no API route ${pathname}` } });
    if (req.method !== 'POST')
      return sendJson(res, 405, { error: { code: 'bad_request', message: 'use POST' } });
    try {
      const text = await readBody(req, LARGE_BODIES[m[1]] ?? MAX_BODY_BYTES);
      let params: unknown = {};
      if (text.trim()) {
        try {
          params = JSON.parse(text);
        } catch {
          throw new ApiError('bad_request', `request body for ${m[1]} is not valid JSON`);
        }
      }
      sendJson(res, 200, { result: await opts.dispatch(m[1], params) });
    } catch (err) {
      const body = toErrorBody(err);
      sendJson(res, HTTP_STATUS[body.error.code], body);
    }
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://console.invalid');
    const ok =
      url.pathname === '/api/events' &&
      originAllowed(req, allowedHosts) &&
      tokenMatches(opts.token, requestToken(req));
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => forwardEvents(ws, opts.bus));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = hostNames(opts.host, port);
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  const base = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  return {
    url: base + '/',
    loginUrl: `${base}/?token=${opts.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        wss.clients.forEach((c) => c.terminate());
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Host headers the console answers to. Bound to all interfaces, any host name reaching it is accepted (origin must still match). */
function hostNames(host: string, port: number): ReadonlySet<string> | 'any' {
  if (host === '0.0.0.0' || host === '::') return 'any';
  const names = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  names.add(`${host.includes(':') ? `[${host}]` : host}:${port}`.toLowerCase());
  return names;
}

function forwardEvents(ws: WebSocket, bus: EventBus): void {
  const unsubscribe = TOPICS.map((topic) =>
    bus.subscribe(topic, (payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ topic, payload }));
    }),
  );
  ws.on('close', () => unsubscribe.forEach((u) => u()));
  ws.on('message', () => ws.close(1003, 'the event socket is one-way'));
}

function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new ApiError('bad_request', `request body over ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on our own form posts.
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}
