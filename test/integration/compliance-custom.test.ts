// Custom check scripts run in a locked-down throwaway container: verdicts, time limit, no escape.
import { execFile, execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomCheck } from '../../agent/compliance/custom/custom-check';
import { runCustomCheck } from '../../agent/compliance/custom/run-custom';
import { docker, requireDocker } from '../setup/docker-cli';
import { testImages } from '../setup/images-env';

requireDocker();
const images = testImages();
const check = (script: string, id = 9100): CustomCheck => ({
  id,
  name: `c${id}`,
  description: '',
  severity: 'medium',
  script,
});
const leftovers = (): string => docker('ps', '-aq', '--filter', 'label=moat.custom-check=1');

let server: http.Server;
let port = 0;
let gateway = '';
beforeAll(async () => {
  server = http.createServer((_q, s) => s.end('reachable'));
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  port = (server.address() as AddressInfo).port;
  // The host's address on the default bridge (IPAM often omits the gateway, the interface has it).
  const ifname = docker(
    'network',
    'inspect',
    'bridge',
    '--format',
    '{{index .Options "com.docker.network.bridge.name"}}',
  );
  // os.networkInterfaces() skips a bridge with no containers attached (not RUNNING); ip(8) does not.
  const addr = execFileSync('ip', ['-4', '-o', 'addr', 'show', ifname], { encoding: 'utf8' });
  gateway = /inet (\d+\.\d+\.\d+\.\d+)\//.exec(addr)?.[1] ?? '';
  if (!gateway) throw new Error(`no IPv4 address on the default bridge interface "${ifname}"`);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('workshop sensitive-file check', () => {
  const sensitive = check('if [ -f /tmp/sensitive.txt ]; then echo "File found!"; exit 1; fi');
  it('fails on nodeapp:v1 and passes on nodeapp:v2', async () => {
    const v1 = await runCustomCheck(sensitive, images.nodeappV1.ref);
    expect(v1.status).toBe('fail');
    expect(v1.evidence).toEqual(['exit 1', 'stdout: File found!']);
    const v2 = await runCustomCheck(sensitive, images.nodeappV2.ref);
    expect(v2).toEqual({ status: 'pass', evidence: ['exit 0'] });
    expect(leftovers()).toBe('');
  });
});

describe('time limit', () => {
  it('kills an infinite loop at 3 s, reports error and leaves no container', async () => {
    const t0 = Date.now();
    const r = await runCustomCheck(check('while true; do :; done'), images.busybox.ref, { timeoutMs: 3000 });
    const took = Date.now() - t0;
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/timed out after 3000 ms/);
    expect(took).toBeGreaterThanOrEqual(3000);
    expect(took).toBeLessThan(20_000);
    expect(leftovers()).toBe('');
  });
});

describe('lock-down', () => {
  // busybox-static's wget crashes in these images (static NSS), so probes speak HTTP through nc.
  const probe = (host: string): string =>
    `if printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 ${host} ${port} 2>/dev/null | grep -q reachable; then echo "reached ${host}"; exit 1; fi`;

  it('the probe reaches the host server from an ordinary container (so it can fail)', async () => {
    // Async: the server lives in this process, a blocking spawn would stop it from answering.
    const r = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile('docker', ['run', '--rm', images.busybox.ref, 'sh', '-c', probe(gateway)], (err, stdout) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, stdout }),
      );
    });
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toBe(`reached ${gateway}`);
  });

  it('cannot reach the host over the bridge gateway or 127.0.0.1', async () => {
    const r = await runCustomCheck(
      check(`${probe(gateway)}\n${probe('127.0.0.1')}\necho isolated`),
      images.busybox.ref,
    );
    expect(r.status).toBe('pass');
    expect(r.evidence.slice(0, 2)).toEqual(['exit 0', 'stdout: isolated']);
  });

  it('cannot write to / or modify the script', async () => {
    const r = await runCustomCheck(
      check(
        'if (echo x > /pwned) 2>/dev/null; then echo "wrote /"; exit 1; fi\n' +
          'if (echo x >> /moat-check/check.sh) 2>/dev/null; then echo "wrote script"; exit 1; fi\n' +
          'echo read-only',
      ),
      images.busybox.ref,
    );
    expect(r).toEqual({ status: 'pass', evidence: ['exit 0', 'stdout: read-only'] });
  });

  it('has no capabilities and cannot raise privileges', async () => {
    const r = await runCustomCheck(
      check('grep -E "^(CapEff|NoNewPrivs)" /proc/self/status; exit 3'),
      images.busybox.ref,
    );
    expect(r.status).toBe('fail');
    expect(r.evidence).toContain('stdout: CapEff:\t0000000000000000');
    expect(r.evidence).toContain('stdout: NoNewPrivs:\t1');
  });
});
