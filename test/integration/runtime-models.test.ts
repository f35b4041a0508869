// Runtime defense end to end on the real daemon: a busybox httpd container teaches its model, then departures
// from it (docker exec, a new listener, a file under /, an outbound connect) become audits — with each process sensor.
import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { Enricher } from '../../agent/runtime/enrich';
import type { EnrichedEvent } from '../../agent/runtime/events';
import { ModelEngine } from '../../agent/runtime/model-engine';
import { InMemoryModelStore, type ModelAudit } from '../../agent/runtime/models';
import { RuntimePipeline } from '../../agent/runtime/pipeline';
import { sensorBackend } from '../../agent/runtime/registry';
import { docker, requireDocker, requireRoot } from '../setup/docker-cli';
import { IMAGE_NAMES } from '../setup/test-images';

requireDocker();
requireRoot(
  'the eBPF sensor runs bpftrace and the /proc sensor reads other processes and overlay upper dirs',
);

const started = new Set<string>();
function removeContainer(id: string): void {
  if (started.delete(id)) docker('rm', '-f', id);
}
afterAll(() => {
  for (const c of [...started]) removeContainer(c);
});

async function waitFor<T>(
  what: string,
  ms: number,
  probe: () => T | undefined,
): Promise<{ value: T; elapsed: number }> {
  const t0 = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return { value, elapsed: Date.now() - t0 };
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

for (const backend of ['ebpf', 'procfs'] as const) {
  describe(`container models with the ${backend} sensor`, () => {
    it('learns, audits departures within the deadline, and manual relearning silences them', async () => {
      process.env.MOAT_LEARNING_SECONDS = '3';
      const api = new Docker();
      const enricher = new Enricher(api);
      const store = new InMemoryModelStore();
      const engine = new ModelEngine(store, { auditWindowMs: 60_000 });
      const events: EnrichedEvent[] = [];
      const errors: Error[] = [];
      const sensors = [
        sensorBackend(backend).create({ docker: api, enricher }),
        sensorBackend('docker-events').create({ docker: api, enricher }),
      ];
      const pipeline = new RuntimePipeline(sensors, enricher, engine, {
        onEvent: (e) => events.push(e),
        onError: (e) => errors.push(e),
      });
      await pipeline.start();
      try {
        const name = `moat-rt-${backend}-${process.pid}`;
        // --network none: httpd still listens on loopback, and an outbound connect fails inside without a packet leaving.
        const id = docker(
          'run',
          '-d',
          '--name',
          name,
          '--network',
          'none',
          IMAGE_NAMES.busybox,
          'httpd',
          '-f',
          '-p',
          '8080',
        );
        started.add(id);
        const imageId = docker('inspect', '--format', '{{.Image}}', id);

        const learned = await waitFor('httpd and port 8080 in the model', 10_000, () => {
          const m = store.getModel(imageId);
          return m && m.processes.some((p) => p.name === 'httpd') && m.listening.includes(8080)
            ? m
            : undefined;
        });
        expect(learned.value.state).toBe('learning');
        // uid 0 named from the container's own /etc/passwd
        expect(learned.value.processes.find((p) => p.name === 'httpd')?.user).toBe('root');
        await waitFor('the model to turn active', 8_000, () => store.getModel(imageId)?.state === 'active');

        const deadline = backend === 'ebpf' ? 2000 : 3000;
        const auditOf = (kind: ModelAudit['kind'], what: string): ModelAudit | undefined =>
          engine.audits().find((a) => a.kind === kind && a.what === what && a.container === id);

        docker('exec', id, 'top', '-n', '1');
        const top = await waitFor('an unexpected-process audit for top', deadline, () =>
          auditOf('process', 'top'),
        );
        expect(top.value).toMatchObject({ image: IMAGE_NAMES.busybox, rule: 'process not in model' });
        if (backend === 'ebpf') {
          // The sensor itself saw it, mapped it to the container and knew it came through docker exec.
          const seen = events.find(
            (e) => e.source === 'ebpf' && e.kind === 'exec' && e.name === 'top' && e.containerId === id,
          );
          expect(seen?.viaExec).toBe(true);
        } else {
          // top -n 1 can finish between two polls; a longer exec proves the poller's own detection.
          docker('exec', '-d', id, 'sleep', '2');
          await waitFor('procfs to see sleep', deadline, () =>
            events.find(
              (e) => e.source === 'procfs' && e.kind === 'exec' && e.name === 'sleep' && e.containerId === id,
            ),
          );
        }

        docker('exec', '-d', id, 'nc', '-l', '-p', '9999');
        await waitFor('a listen audit for 9999', deadline, () => auditOf('listen', 'port 9999')).catch(
          (err: Error) => {
            const seen = events
              .filter((e) => e.kind === 'listen')
              .map((e) => `${e.source}:${e.port}:${e.containerId?.slice(0, 8)}`);
            throw new Error(
              `${err.message}; listen events: ${seen.join(', ')}; model: ${JSON.stringify(store.getModel(imageId))}; health: ${JSON.stringify(pipeline.health())}`,
            );
          },
        );

        docker('exec', id, 'sh', '-c', 'echo owned > /moat-evil');
        await waitFor('a file-system audit for /moat-evil', deadline, () =>
          auditOf('file-system', '/moat-evil'),
        );

        if (backend === 'ebpf') {
          // Only the syscall is visible: with --network none the connect fails at once, so /proc never shows a socket.
          docker('exec', id, 'sh', '-c', 'nc 10.255.255.1 80; true');
          await waitFor('an outbound audit', deadline, () => auditOf('outbound', '10.255.255.1:80'));
        } else {
          // /proc sees connections that exist: one over the container's own loopback (nothing leaves it).
          docker(
            'exec',
            '-d',
            id,
            'sh',
            '-c',
            'sleep 3 | nc -l -p 7000 >/dev/null & sleep 0.3; sleep 3 | nc 127.0.0.1 7000',
          );
          await waitFor('an outbound audit for 127.0.0.1:7000', deadline + 500, () =>
            auditOf('outbound', '127.0.0.1:7000'),
          );
          // the accepted side of that connection is inbound, not a second outbound connection
          expect(
            engine
              .audits()
              .filter((a) => a.kind === 'outbound' && a.container === id)
              .map((a) => a.what),
          ).toEqual(['127.0.0.1:7000']);
        }

        // Manual relearning that includes the same actions, then stop: they must no longer raise audits.
        docker('exec', id, 'killall', 'nc');
        await sleep(800); // a listener that is gone and back within one /proc scan looks continuous to the poller
        engine.relearn(imageId, true);
        const actions = (): void => {
          docker('exec', id, 'top', '-n', '1');
          docker('exec', '-d', id, 'nc', '-l', '-p', '9999');
          docker('exec', id, 'sh', '-c', 'echo again > /moat-evil2');
          if (backend === 'ebpf') docker('exec', id, 'sh', '-c', 'nc 10.255.255.1 80; true');
          if (backend === 'procfs') docker('exec', '-d', id, 'sleep', '2');
        };
        actions();
        await waitFor('the relearned model to hold port 9999 and /', 5_000, () => {
          const m = store.getModel(imageId);
          return m &&
            m.listening.includes(9999) &&
            m.fileDirs.includes('/') &&
            m.processes.some((p) => p.name === 'top')
            ? m
            : undefined;
        });
        if (backend === 'ebpf')
          expect(store.getModel(imageId)?.outbound).toContainEqual({ addr: '10.255.255.1', port: 80 });
        await sleep(1500); // let slower scans finish learning
        docker('exec', id, 'killall', 'nc');
        await sleep(600);
        engine.stopLearning(imageId);
        const before = new Map(engine.audits().map((a) => [`${a.key}@${a.firstTime}`, a.count]));
        actions();
        await sleep(deadline + 500);
        const relevant = engine
          .audits()
          .filter((a) => ['top', 'port 9999', '/moat-evil2', '10.255.255.1:80', 'sleep'].includes(a.what))
          .map((a) => ({ what: a.what, count: a.count, before: before.get(`${a.key}@${a.firstTime}`) }));
        expect(relevant.filter((r) => r.count !== r.before)).toEqual([]);

        const hist = store.history(imageId);
        expect(hist.some((h) => h.kind === 'state' && h.detail.startsWith('active'))).toBe(true);
        expect(
          hist.some((h) => h.kind === 'learned' && h.detail === 'listen: port 9999' && h.container === id),
        ).toBe(true);
        expect(errors).toEqual([]);
      } finally {
        await pipeline.stop();
        // Removed now, not after all tests: the next backend learns the same image's model from scratch.
        for (const c of [...started]) removeContainer(c);
      }
    });
  });
}
