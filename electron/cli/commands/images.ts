// `moat images scan`: the CI scanner (twistcli images scan), alone or against a console.
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Command, CliIo } from '../command';
import { UsageError } from '../command';
import { dataDir } from '../../paths';
import { moatVersion } from '../../version';
import { runImageScan } from '../image-scan/run-scan';
import { reportPasses } from '../image-scan/report';
import { invokeConsole, loginConsole, type ConsoleTarget } from '../image-scan/console-client';
import { checkDatabases, requireClamscan } from '../../../agent/compliance/clamav';
import {
  buildPolicy,
  checkFormat,
  SCAN_FLAGS_HELP,
  SCAN_OPTIONS,
  writeReport,
} from '../image-scan/scan-flags';

const USAGE = `moat images scan [options] <image|docker-archive.tar|oci-layout>

${SCAN_FLAGS_HELP}
  --address URL --token T            use the console's CI rules and publish the results there
  -u USER -p PASSWORD                log in with the console account (moat serve with MOAT_USER/MOAT_PASSWORD)
  --publish / --no-publish           publish to --address (default: publish when --address is given)
  --clamscan                         also scan the image's layers with ClamAV's clamscan (check 422)
  --clamav-db PATH                   ClamAV database file or directory for --clamscan (repeatable;
                                     default: clamscan's own database directory)

Exit status: 0 pass, 1 a failure threshold was met, 2 usage or scan error.`;

export const imagesCommand: Command = {
  name: 'images',
  summary: 'scan an image for vulnerabilities and compliance (like twistcli images scan)',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'scan')
      throw new UsageError(sub ? `unknown sub-command "images ${sub}"` : 'missing sub-command: images scan');
    return scan(rest, io);
  },
};

async function scan(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...SCAN_OPTIONS,
      address: { type: 'string' },
      token: { type: 'string' },
      user: { type: 'string', short: 'u' },
      password: { type: 'string', short: 'p' },
      publish: { type: 'boolean' },
      'no-publish': { type: 'boolean' },
      clamscan: { type: 'boolean' },
      'clamav-db': { type: 'string', multiple: true },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError('give exactly one image, docker archive or OCI layout to scan');
  const target = positionals[0];
  const format = checkFormat(values);
  if (values.address && !values.token && !(values.user && values.password)) {
    throw new UsageError('--address needs --token T, or -u USER -p PASSWORD for the console account');
  }
  if (!values.address && (values.token || values.password))
    throw new UsageError('--token and -p need --address');
  const consoleTarget: ConsoleTarget | undefined = values.address
    ? {
        address: values.address,
        token: values.token ?? (await loginConsole(values.address, values.user!, values.password!)),
      }
    : undefined;
  const clamavDbs = values['clamav-db'] ?? [];
  if (clamavDbs.length > 0 && !values.clamscan) throw new UsageError('--clamav-db needs --clamscan');
  if (values.clamscan) {
    // Fail before the long inventory scan when clamscan or a database is missing.
    await requireClamscan();
    await checkDatabases(clamavDbs);
  }
  const policy = await buildPolicy(values, consoleTarget, target);

  const progress = (m: string): void => {
    if (io.stderr.isTTY) io.stderr.write(`\r\x1b[K${m}…`);
  };
  const report = await runImageScan({
    target,
    dataDir: dataDir(),
    policy,
    tool: { name: 'moat', version: moatVersion() },
    onProgress: progress,
    ...(values.clamscan ? { clamav: { databases: clamavDbs } } : {}),
  });
  if (io.stderr.isTTY) io.stderr.write('\r\x1b[K');
  writeReport(report, format, values, io);

  if (consoleTarget && !values['no-publish'] && values.publish !== false) {
    const r = await invokeConsole(consoleTarget, 'ci:publish', {
      inventory: report.inventory,
      compliance: report.compliance,
      vulnPass: report.vulnPass,
      compliancePass: report.compliancePass,
      host: os.hostname(),
      user: values.user ?? os.userInfo().username,
    });
    io.stderr.write(
      r.stored
        ? `Results published to ${consoleTarget.address} (scan ${r.scanId})\n`
        : `The console at ${consoleTarget.address} is set not to keep CI results\n`,
    );
  }
  return reportPasses(report) ? 0 : 1;
}
