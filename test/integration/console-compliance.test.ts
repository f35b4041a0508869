// Compliance through the console's API: deployed images, custom malware lists, running containers and this host.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeConsole, type Console } from '../../electron/main/compose';
import { directClient } from '../../electron/api/dispatch';
import { docker, requireDocker } from '../setup/docker-cli';
import { IMAGE_NAMES } from '../setup/test-images';
import { buildEicarImage } from '../setup/own-image';
import { testdata } from '../setup/testdata';

requireDocker();
let app: Console;
let home: string;
const EICAR_IMAGE = `moat-test/console-eicar:${process.pid}`;
const containers: string[] = [];

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-cc-'));
  // The EICAR file under another name and without the built-in list's help: only the custom list can find it.
  buildEicarImage(IMAGE_NAMES.busybox, EICAR_IMAGE, '/usr/local/bin/tool.bin', ['USER 1000']);
  app = composeConsole({ dataDir: home, autoScan: false, runtime: false });
});
afterAll(() => {
  for (const c of containers) docker('rm', '-f', c);
  docker('rmi', '-f', EICAR_IMAGE);
  app?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

const call = (): ReturnType<typeof directClient> => directClient(app.dispatch);

async function scanAndWait(ref: string): Promise<number> {
  const { scanId } = await call()('images:scan', { ref });
  await app.services.scans.settled(scanId);
  const scan = await call()('scans:get', { id: scanId });
  expect(scan.status, scan.error).toBe('done');
  return scanId;
}

describe('console compliance', () => {
  it('evaluates a deployed image in the same scan: nodeapp:v1 fails 424 and 425 with masked evidence', async () => {
    const id = await scanAndWait(IMAGE_NAMES.nodeappV1);
    const checks = await call()('scans:compliance', { id });
    const failed = checks.filter((c) => c.status === 'fail').map((c) => c.checkId);
    expect(failed).toEqual(expect.arrayContaining([424, 425]));
    const evidence = checks.find((c) => c.checkId === 424)!.evidence.join(' ');
    expect(evidence).toContain('SECRET_KEY');
    expect(evidence).not.toContain('~DUUvI~gbnZ_~~zrj3J4i83q69vuJGczn0');
    const v2 = await call()('scans:compliance', { id: await scanAndWait(IMAGE_NAMES.nodeappV2) });
    expect(v2.filter((c) => [422, 424, 425].includes(c.checkId)).map((c) => c.status)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });

  it('takes custom malware lists (refusing a broken one, naming it) and finds malware with them', async () => {
    await expect(
      call()('malware:upload', {
        fileName: 'broken.hdb',
        contentBase64: Buffer.from('not:a:hash:db:line\n').toString('base64'),
      }),
    ).rejects.toThrow(/broken\.hdb/);
    const list = await call()('malware:upload', {
      fileName: 'eicar.hdb',
      contentBase64: fs.readFileSync(testdata('fixtures', 'malware', 'eicar.hdb')).toString('base64'),
    });
    expect(list).toEqual({ name: 'eicar.hdb', signatures: 1 });
    expect(await call()('malware:list', {})).toEqual([{ name: 'eicar.hdb', signatures: 1 }]);
    const checks = await call()('scans:compliance', { id: await scanAndWait(EICAR_IMAGE) });
    const malware = checks.find((c) => c.checkId === 422)!;
    expect(malware.status).toBe('fail');
    expect(malware.evidence.join(' ')).toContain('/usr/local/bin/tool.bin');
    expect(await call()('malware:delete', { name: 'eicar.hdb' })).toEqual([]);
  });

  it('evaluates running containers and this host', async () => {
    const name = `moat-cc-priv-${process.pid}`;
    // This sandboxed daemon cannot start privileged containers; created ones carry the same HostConfig to inspect.
    docker(
      'create',
      '--name',
      name,
      '--privileged',
      '--network',
      'none',
      IMAGE_NAMES.busybox,
      'sleep',
      '300',
    );
    containers.push(name);
    const privileged = (await call()('compliance:container', { id: name })).find((r) =>
      /privileged/i.test(r.title),
    )!;
    expect(privileged.status).toBe('fail');
    const running = `moat-cc-run-${process.pid}`;
    docker(
      'run',
      '-d',
      '--name',
      running,
      '--network',
      'none',
      '--read-only',
      IMAGE_NAMES.busybox,
      'sleep',
      '300',
    );
    containers.push(running);
    const listed = (await call()('compliance:containers', {})).find((c) => c.name === running)!;
    expect(listed.results.find((r) => /privileged/i.test(r.title))!.status).toBe('pass');
    await expect(call()('compliance:container', { id: 'no-such-container' })).rejects.toThrow(
      /no-such-container/,
    );
    const host = (await call()('compliance:host', {})).results;
    expect(host.some((r) => r.kind === 'daemon')).toBe(true);
    expect(host.every((r) => r.status !== 'pass' || r.evidence.length > 0)).toBe(true);
  });
});
