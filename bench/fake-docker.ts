// A stand-in Docker Engine API on a unix socket that lists many images, for benches that need more images than a
// real daemon here can hold. It answers only what the console reads; everything else is a 404 with a message.
import fs from 'node:fs';
import http from 'node:http';
import { imageIdOf } from './seed-console';

export async function fakeDockerDaemon(
  socketPath: string,
  imageCount: number,
): Promise<{ close(): Promise<void> }> {
  const created = Math.floor(Date.now() / 1000);
  const images = JSON.stringify(
    Array.from({ length: imageCount }, (_, i) => ({
      Id: imageIdOf(i),
      RepoTags: [`bench/app-${i}:1.0`],
      RepoDigests: [],
      Created: created,
      Size: 10_000_000 + i,
      VirtualSize: 10_000_000 + i,
      SharedSize: -1,
      Labels: {},
      Containers: 0,
      ParentId: '',
    })),
  );
  const json = (res: http.ServerResponse, body: string): void => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Api-Version': '1.43' });
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://docker');
    const p = url.pathname.replace(/^\/v[\d.]+/, '');
    if (p === '/_ping') return void res.end('OK');
    if (p === '/version')
      return json(
        res,
        JSON.stringify({ Version: '0.0.0-bench', ApiVersion: '1.43', Os: 'linux', Arch: 'amd64' }),
      );
    if (p === '/info')
      return json(
        res,
        JSON.stringify({ Images: imageCount, Containers: 0, ContainersRunning: 0, ContainersStopped: 0 }),
      );
    if (p === '/images/json') return json(res, images);
    if (p === '/containers/json') return json(res, '[]');
    if (p === '/events') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      return; // held open: no events happen on the bench daemon
    }
    if (process.env.MOAT_BENCH_DEBUG) process.stderr.write(`fake docker: 404 ${req.method} ${p}\n`);
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: `the bench daemon does not serve ${req.method} ${p}` }));
  });
  fs.rmSync(socketPath, { force: true });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
