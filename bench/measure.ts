// One measured phase in its own process, so its peak RSS is its own: `floor` (stream-decompress and
// tar-parse every layer, nothing else) or `scan` (scanImage with every analyzer and a layer cache).
// Prints one JSON line: { ms, maxRssMb, layers, entries?, packages? }.
import * as tar from 'tar-stream';
import { openDockerArchive } from '../agent/scan/image/docker-archive';
import { Sniffer, createDecompressor, detectCompression } from '../agent/scan/image/decompress';
import type { LayerStream } from '../agent/scan/image/types';
import { analyzers } from '../agent/scan/inventory/registry';
import { scanImage } from '../agent/scan/scan-image';

async function parseLayer(layer: LayerStream): Promise<number> {
  const extract = tar.extract();
  const sniffer = new Sniffer(
    (head) => {
      const dec = createDecompressor(detectCompression(head));
      const chain = dec ? sniffer.pipe(dec) : sniffer;
      chain.on('error', (e: Error) => extract.destroy(e));
      chain.pipe(extract);
    },
    () => undefined,
  );
  layer.stream.on('error', (e: Error) => extract.destroy(e));
  layer.stream.pipe(sniffer);
  let entries = 0;
  for await (const entry of extract) {
    entries++;
    entry.resume();
  }
  return entries;
}

async function floor(archive: string): Promise<Record<string, number>> {
  const source = await openDockerArchive(archive);
  let layers = 0;
  let entries = 0;
  for await (const layer of source.layers()) {
    if (layer.kind !== 'tar') throw new Error(`${archive}: unexpected ${layer.kind} layer`);
    entries += await parseLayer(layer);
    layers++;
  }
  return { layers, entries };
}

async function scan(archive: string, cacheDir: string): Promise<Record<string, number>> {
  const source = await openDockerArchive(archive);
  const inv = await scanImage(source, { analyzers, cacheDir });
  return { layers: inv.layers.length, packages: inv.packages.length };
}

async function main(): Promise<void> {
  const [phase, archive, cacheDir] = process.argv.slice(2);
  if (!archive || (phase !== 'floor' && phase !== 'scan') || (phase === 'scan' && !cacheDir))
    throw new Error('usage: measure.ts floor <archive> | scan <archive> <cacheDir>');
  const t0 = process.hrtime.bigint();
  const counts = phase === 'floor' ? await floor(archive) : await scan(archive, cacheDir);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ms, maxRssMb, ...counts })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
