// The eBPF sensor on its own: DNS questions decoded from a container, and supervision when bpftrace dies.
import { afterAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../agent/runtime/events';
import { BpftraceSensor } from '../../agent/runtime/sensors/bpftrace';
import { docker, requireDocker, requireRoot } from '../setup/docker-cli';
import { IMAGE_NAMES } from '../setup/test-images';

requireDocker();
requireRoot('bpftrace attaches kernel tracepoints');

const started = new Set<string>();
afterAll(() => {
  for (const c of started) docker('rm', '-f', c);
});

async function waitFor<T>(what: string, ms: number, probe: () => T | undefined): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('bpftrace sensor', () => {
  it('decodes DNS questions, and restarts bpftrace with a counted gap when it is killed', async () => {
    const sensor = new BpftraceSensor({ backoffMinMs: 200 });
    const events: RuntimeEvent[] = [];
    await sensor.start((e) => events.push(e));
    try {
      expect(sensor.health()).toMatchObject({ backend: 'ebpf', running: true, restarts: 0 });
      // --network none: the query goes to the container's own loopback, where nothing answers; nothing leaves.
      const id = docker('run', '-d', '--network', 'none', IMAGE_NAMES.busybox, 'sleep', '60');
      started.add(id);
      docker('exec', id, 'sh', '-c', 'nslookup moat-probe.example 127.0.0.1; true');
      const dns = await waitFor('a dns event', 3000, () =>
        events.find((e) => e.kind === 'dns' && e.query === 'moat-probe.example'),
      );
      expect(dns.name).toBe('nslookup');
      expect(dns.mntns).toBeGreaterThan(0);

      const first = sensor.pid;
      expect(first).toBeGreaterThan(0);
      process.kill(first!, 'SIGKILL');
      const gap = await waitFor('a sensor gap event', 3000, () => events.find((e) => e.kind === 'sensor'));
      expect(gap.detail).toMatch(/gap: bpftrace exited \(SIGKILL\)/);
      await waitFor(
        'bpftrace to run again',
        15_000,
        () => sensor.health().running && sensor.health().restarts === 1,
      );
      expect(sensor.pid).not.toBe(first);

      // Events flow again after the restart.
      docker('exec', id, 'sh', '-c', 'touch /after-restart');
      await waitFor('a file event after the restart', 3000, () =>
        events.find((e) => e.kind === 'file-write' && e.path === '/after-restart'),
      );
    } finally {
      await sensor.stop();
    }
    expect(sensor.health().running).toBe(false);
  });
});

describe('bpftrace sensor failures', () => {
  it('rejects start with a clear reason when bpftrace cannot run', async () => {
    const sensor = new BpftraceSensor({ bpftrace: 'moat-no-such-bpftrace' });
    await expect(sensor.start(() => undefined)).rejects.toThrow(/cannot run bpftrace/);
    expect(sensor.health()).toMatchObject({
      running: false,
      reason: expect.stringContaining('cannot run bpftrace'),
    });
    await sensor.stop();
  });
  it('rejects start with bpftrace own complaint when the program does not load', async () => {
    const sensor = new BpftraceSensor({ programPath: 'resources/bpftrace/no-such-program.bt' });
    await expect(sensor.start(() => undefined)).rejects.toThrow(/no-such-program\.bt: bpftrace exited/);
    await sensor.stop();
  });
});
