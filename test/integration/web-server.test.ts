// Web mode's trust boundary, through the real `moat serve` process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { requireDocker } from '../setup/docker-cli';
import { startServe, type ServeProcess } from '../setup/serve-process';

requireDocker();
let s: ServeProcess;
beforeAll(async () => {
  s = await startServe();
});
afterAll(async () => s?.stop());

const invoke = (channel: string, headers: Record<string, string>, body = '{}'): Promise<Response> =>
  fetch(`${s.base}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });

describe('moat serve', () => {
  it('binds loopback by default', () => {
    expect(new URL(s.base).hostname).toBe('127.0.0.1');
  });

  it('rejects API requests without the token', async () => {
    const res = await invoke('dashboard:get', {});
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthorized', message: 'missing or invalid token' },
    });
    expect((await invoke('dashboard:get', { Authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('rejects a request with a foreign Origin even with the token', async () => {
    const res = await invoke('dashboard:get', {
      Authorization: `Bearer ${s.token}`,
      Origin: 'http://evil.example',
    });
    expect(res.status).toBe(403);
  });

  it('answers with the token, and names bad params', async () => {
    const ok = await invoke('dashboard:get', { Authorization: `Bearer ${s.token}` });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { result: { docker: { connection: string } } };
    expect(body.result.docker.connection).toMatch(/connected|connecting/);
    const bad = await invoke('images:list', { Authorization: `Bearer ${s.token}` }, '{"page":"x"}');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('images:list');
    const junk = await invoke('images:list', { Authorization: `Bearer ${s.token}` }, '{not json');
    expect(junk.status).toBe(400);
    expect((await invoke('nope:nope', { Authorization: `Bearer ${s.token}` })).status).toBe(404);
  });

  it('logs a browser in: the token URL sets an HttpOnly cookie and drops the token from the address', async () => {
    const res = await fetch(s.loginUrl, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${s.base}/`, { headers: { cookie: cookie.split(';')[0] } });
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const anon = await fetch(`${s.base}/`);
    expect(await anon.text()).toContain('Access token');
    expect((await fetch(s.loginUrl.replace(/token=.*/, 'token=wrong'))).status).toBe(401);
  });

  it('refuses path traversal out of the renderer directory', async () => {
    const res = await fetch(`${s.base}/..%2f..%2fpackage.json`, {
      headers: { Authorization: `Bearer ${s.token}` },
    });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('"name": "moat"');
  });

  it('opens the event socket only with the token and our own origin', async () => {
    const url = `${s.base.replace('http', 'ws')}/api/events`;
    const attempt = (headers: Record<string, string>): Promise<string> =>
      new Promise((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('error', () => resolve('refused'));
        ws.on('unexpected-response', () => resolve('refused'));
      });
    expect(await attempt({})).toBe('refused');
    expect(await attempt({ Authorization: `Bearer ${s.token}`, Origin: 'http://evil.example' })).toBe(
      'refused',
    );
    expect(await attempt({ Authorization: `Bearer ${s.token}`, Origin: s.base })).toBe('open');
  });
});
