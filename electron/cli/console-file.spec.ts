import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConsoleFile, removeConsoleFile, resolveConsoleTarget, writeConsoleFile } from './console-file';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'moat-cf-'));
const good = { url: 'http://127.0.0.1:8083/', token: 'x'.repeat(24), pid: 4242 };

describe('console.json', () => {
  it('is written with mode 0600 and resolves to the console target', () => {
    const dir = tmp();
    const file = writeConsoleFile(dir, good);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveConsoleTarget({}, dir)).toEqual({ address: good.url, token: good.token });
    // an explicit address wins and needs a token
    expect(resolveConsoleTarget({ address: 'http://h:1', token: 't' }, dir)).toEqual({
      address: 'http://h:1',
      token: 't',
    });
    fs.rmSync(dir, { recursive: true });
  });

  it('is removed only by the process that wrote it', () => {
    const dir = tmp();
    writeConsoleFile(dir, good);
    removeConsoleFile(dir, 1);
    expect(fs.existsSync(path.join(dir, 'console.json'))).toBe(true);
    removeConsoleFile(dir, 4242);
    expect(fs.existsSync(path.join(dir, 'console.json'))).toBe(false);
    removeConsoleFile(dir, 4242); // already gone: no error
    fs.rmSync(dir, { recursive: true });
  });

  it('says how to find a console when there is none', () => {
    const dir = tmp();
    expect(() => resolveConsoleTarget({}, dir)).toThrow(
      /no running console found: .*console.json.*moat serve/,
    );
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses malformed files with the reason', () => {
    expect(() => parseConsoleFile('', 'f')).toThrow('f is not valid JSON');
    expect(() => parseConsoleFile('[1', 'f')).toThrow('f is not valid JSON');
    expect(() => parseConsoleFile('null', 'f')).toThrow('f is not a JSON object');
    expect(() => parseConsoleFile(JSON.stringify({ ...good, url: 'file:///x' }), 'f')).toThrow(/url/);
    expect(() => parseConsoleFile(JSON.stringify({ ...good, token: 'short' }), 'f')).toThrow(/token/);
    expect(() => parseConsoleFile(JSON.stringify({ ...good, pid: '1' }), 'f')).toThrow(/pid/);
    expect(() => parseConsoleFile(JSON.stringify({ ...good, url: 'x'.repeat(1e6) }), 'f')).toThrow(/url/);
    expect(parseConsoleFile(JSON.stringify(good), 'f')).toEqual(good);
  });
});
