// `moat sbom`: scan an image (daemon name, docker-archive or OCI tar, OCI layout or root filesystem
// directory) and print its inventory as a CycloneDX or SPDX document.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isSbomFormat, renderSbom } from '../../../agent/sbom/index';
import { layerCacheDir, openImageSource } from '../../../agent/scan/open-source';
import { scanImage, type ScanProgress } from '../../../agent/scan/scan-image';
import { analyzers } from '../../../agent/scan/inventory/registry';
import { dataDir } from '../../paths';
import { moatVersion } from '../../version';
import type { CliIo, Command } from '../command';
import { UsageError } from '../command';

function progressLine(p: ScanProgress): string {
  const mb = (p.bytes / 1024 / 1024).toFixed(1);
  return `\r\u001b[Klayer ${p.layer}/${p.of} ${p.phase} ${mb} MB`;
}

async function writeOutput(file: string, text: string): Promise<void> {
  // Write beside the target and rename, so a failed run never leaves half a document behind.
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.promises.writeFile(tmp, text);
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw new Error(`cannot write ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      format: { type: 'string', default: 'cyclonedx' },
      'output-file': { type: 'string', short: 'o' },
      'no-cache': { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const format = values.format ?? 'cyclonedx';
  if (!isSbomFormat(format)) throw new UsageError(`--format must be cyclonedx or spdx, got "${format}"`);
  if (positionals.length !== 1)
    throw new UsageError(`expected one image, archive or directory, got ${positionals.length}`);
  const target = positionals[0];
  const showProgress = io.stderr.isTTY === true;
  try {
    const { source } = await openImageSource(target);
    const inventory = await scanImage(source, {
      analyzers,
      ...(values['no-cache'] ? {} : { cacheDir: layerCacheDir(dataDir()) }),
      ...(showProgress ? { onProgress: (p: ScanProgress) => io.stderr.write(progressLine(p)) } : {}),
    });
    if (showProgress) io.stderr.write('\r\u001b[K');
    const text = renderSbom(format, { inventory, tool: { name: 'moat', version: moatVersion() } });
    if (values['output-file']) await writeOutput(values['output-file'], text);
    else io.stdout.write(text);
    for (const w of inventory.warnings) io.stderr.write(`warning: ${w}\n`);
    return 0;
  } catch (e) {
    if (showProgress) io.stderr.write('\n');
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(message.includes(target) ? message : `${target}: ${message}`);
  }
}

export const sbomCommand: Command = {
  name: 'sbom',
  summary: 'print the software bill of materials of an image, archive or directory',
  usage: 'moat sbom <image|archive|dir> [--format cyclonedx|spdx] [--output-file FILE] [--no-cache]',
  run,
};
