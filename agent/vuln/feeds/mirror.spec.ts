import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_LAYOUT, fetchFeedFile, planFeedFiles } from './mirror';

describe('planFeedFiles', () => {
  it('expands the official layout for every branch, repo and ecosystem', () => {
    const files = planFeedFiles({ params: { branch: ['v3.10'], ecosystem: ['npm'] } });
    expect(files).toEqual([
      {
        feed: 'alpine-secdb',
        relPath: 'alpine-secdb/v3.10/main.json',
        location: 'https://secdb.alpinelinux.org/v3.10/main.json',
      },
      {
        feed: 'alpine-secdb',
        relPath: 'alpine-secdb/v3.10/community.json',
        location: 'https://secdb.alpinelinux.org/v3.10/community.json',
      },
      {
        feed: 'debian-tracker',
        relPath: 'debian-tracker/data.json',
        location: 'https://security-tracker.debian.org/tracker/data/json',
      },
      {
        feed: 'osv',
        relPath: 'osv/npm/all.zip',
        location: 'https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip',
      },
    ]);
  });

  it('puts every file under one mirror root, URL or directory', () => {
    const [http] = planFeedFiles({
      mirror: 'http://127.0.0.1:8080/feeds',
      feeds: ['osv'],
      params: { ecosystem: ['PyPI'] },
    });
    expect(http.location).toBe('http://127.0.0.1:8080/feeds/osv/PyPI/all.zip');
    const [dir] = planFeedFiles({ mirror: '/srv/m', feeds: ['debian-tracker'] });
    expect(dir.location).toBe(path.resolve('/srv/m/debian-tracker/data.json'));
  });

  it('defaults to every layout value', () => {
    const files = planFeedFiles({ feeds: ['alpine-secdb'] });
    expect(files).toHaveLength(FEED_LAYOUT['alpine-secdb'].params.branch.length * 2);
  });

  it('refuses parameter values that would leave the mirror root, and unknown feeds', () => {
    expect(() => planFeedFiles({ feeds: ['osv'], params: { ecosystem: ['../etc'] } })).toThrow(
      /ecosystem="..\/etc" is not allowed/,
    );
    expect(() => planFeedFiles({ feeds: ['osv'], params: { ecosystem: ['a/b'] } })).toThrow(/not allowed/);
    expect(() => planFeedFiles({ feeds: ['nope' as 'osv'] })).toThrow(/unknown feed "nope"/);
  });
});

describe('fetchFeedFile', () => {
  let server: Server;
  let base: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'moat-mirror-spec-'));
  const body = Buffer.from('{"distroversion":"v3.10"}');

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok.json') {
        res.writeHead(200, { 'content-length': String(body.length) });
        res.end(body);
      } else if (req.url === '/short.json') {
        // Declares more than it sends, as a dropped connection would.
        res.writeHead(200, { 'content-length': '1000' });
        res.write(body);
        res.destroy();
      } else if (req.url === '/boom.json') {
        res.writeHead(500);
        res.end('no');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const file = (location: string): { feed: 'osv'; relPath: string; location: string } => ({
    feed: 'osv',
    relPath: 'x',
    location,
  });

  it('downloads a published file', async () => {
    const dest = path.join(dir, 'a', 'ok.json');
    const r = await fetchFeedFile(file(`${base}/ok.json`), dest);
    expect(r).toEqual({ status: 'fetched', path: dest, bytes: body.length });
    expect(readFileSync(dest)).toEqual(body);
  });

  it('reports a 404 as missing, not as an error', async () => {
    expect(await fetchFeedFile(file(`${base}/gone.json`), path.join(dir, 'gone'))).toEqual({
      status: 'missing',
      reason: 'HTTP 404',
    });
  });

  it('throws naming the URL on a server error, a truncated body or too many bytes', async () => {
    await expect(fetchFeedFile(file(`${base}/boom.json`), path.join(dir, 'b'))).rejects.toThrow(
      `${base}/boom.json: HTTP 500`,
    );
    await expect(fetchFeedFile(file(`${base}/short.json`), path.join(dir, 's'))).rejects.toThrow(
      `${base}/short.json`,
    );
    expect(existsSync(path.join(dir, 's'))).toBe(false);
    await expect(
      fetchFeedFile(file(`${base}/ok.json`), path.join(dir, 'c'), { maxBytes: 5 }),
    ).rejects.toThrow(/more than 5 bytes/);
  });

  it('copies from a mirror directory and reports absent files as missing', async () => {
    const src = path.join(dir, 'mirror', 'f.json');
    mkdirSync(path.dirname(src), { recursive: true });
    writeFileSync(src, body);
    const r = await fetchFeedFile(file(src), path.join(dir, 'copy', 'f.json'));
    expect(r.status).toBe('fetched');
    expect(await fetchFeedFile(file(path.join(dir, 'mirror', 'no.json')), path.join(dir, 'n'))).toEqual({
      status: 'missing',
      reason: 'no such file in the mirror directory',
    });
  });

  it('names the URL when nothing listens there', async () => {
    await expect(fetchFeedFile(file('http://127.0.0.1:1/x.json'), path.join(dir, 'r'))).rejects.toThrow(
      /^http:\/\/127\.0\.0\.1:1\/x\.json: cannot fetch/,
    );
  });
});
