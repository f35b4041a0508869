// The console's "also scan deployed images with ClamAV" setting: off by default, stored across restarts,
// and when on, each deployed-image scan runs the real clamscan with the user's ClamAV lists (EICAR .hdb here).
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
const IMAGE = `moat-test/console-clamscan:${process.pid}`;

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-ccl-'));
  buildEicarImage(IMAGE_NAMES.busybox, IMAGE, '/usr/share/misc/release-notes.txt');
  app = composeConsole({ dataDir: home, autoScan: false, runtime: false });
});
afterAll(() => {
  docker('rmi', '-f', IMAGE);
  app?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

const call = (): ReturnType<typeof directClient> => directClient(app.dispatch);

async function check422(ref: string): Promise<{ status: string; evidence: string[]; warnings: string[] }> {
  const { scanId } = await call()('images:scan', { ref });
  await app.services.scans.settled(scanId);
  const scan = await call()('scans:get', { id: scanId });
  expect(scan.status, scan.error).toBe('done');
  const c = (await call()('scans:compliance', { id: scanId })).find((x) => x.checkId === 422)!;
  return { status: c.status, evidence: c.evidence, warnings: scan.warnings ?? [] };
}

describe('console clamscan setting', () => {
  it('is off by default and reports the installed clamscan', async () => {
    const s = await call()('malware:clamscan', {});
    expect(s).toMatchObject({ enabled: false, databases: [] });
    expect(s.version).toMatch(/ClamAV \d/);
    const r = await check422(IMAGE);
    // The built-in EICAR signature still finds the file; clamscan does not run.
    expect(r.status).toBe('fail');
    expect(r.evidence.join('\n')).not.toMatch(/clamscan/i);
  });

  it('when on, deployed-image scans run clamscan with the ClamAV lists and name the layer', async () => {
    await call()('malware:upload', {
      fileName: 'eicar.hdb',
      contentBase64: fs.readFileSync(testdata('fixtures', 'malware', 'eicar.hdb')).toString('base64'),
    });
    expect(await call()('malware:clamscan', { enabled: true })).toMatchObject({
      enabled: true,
      databases: ['eicar.hdb'],
    });
    const r = await check422(IMAGE);
    expect(r.status).toBe('fail');
    expect(
      r.evidence.find((e) => e.startsWith('clamscan: ')),
      r.evidence.join('\n'),
    ).toMatch(/^clamscan: Eicar-Test-Signature\S* in layer \d+ \(.*COPY .*release-notes\.txt/);
    const clean = await check422(IMAGE_NAMES.busybox);
    expect(clean.status).toBe('pass');
    expect(clean.evidence.join('\n')).toMatch(/clamscan \(.*eicar\.hdb\) found nothing/);
    expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('moat-clamav-'))).toEqual([]);
  });

  it('keeps the setting across a restart and turns off again', async () => {
    app.close();
    app = composeConsole({ dataDir: home, autoScan: false, runtime: false });
    expect((await call()('malware:clamscan', {})).enabled).toBe(true);
    // Without the list this machine has no ClamAV database (as images-clamscan.test.ts relies on too): the
    // scan still completes, says why clamscan did not run, and judges 422 on the signature lists.
    await call()('malware:delete', { name: 'eicar.hdb' });
    const noDb = await check422(IMAGE);
    expect(noDb.status).toBe('fail');
    expect(noDb.warnings.join('\n')).toMatch(/clamscan was not run: .*database/i);
    expect((await call()('malware:clamscan', { enabled: false })).enabled).toBe(false);
    const r = await check422(IMAGE);
    expect(r.evidence.join('\n')).not.toMatch(/clamscan/i);
  });

  it('refuses a malformed setting, naming the field', async () => {
    await expect(call()('malware:clamscan', { enabled: 'yes' } as never)).rejects.toThrow(/enabled/);
  });
});
