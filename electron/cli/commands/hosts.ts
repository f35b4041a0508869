// `moat hosts scan`: this host's packages, vulnerabilities and host compliance, with the same thresholds and formats.
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { UsageError } from '../command';
import { dataDir } from '../../paths';
import { moatVersion } from '../../version';
import { runHostScan } from '../image-scan/run-host-scan';
import { reportPasses } from '../image-scan/report';
import {
  buildPolicy,
  checkFormat,
  SCAN_FLAGS_HELP,
  SCAN_OPTIONS,
  writeReport,
} from '../image-scan/scan-flags';

const USAGE = `moat hosts scan [options]

${SCAN_FLAGS_HELP}
  --root DIR                         scan the root filesystem mounted at DIR instead of / (no host compliance then)
  --language-packages                also look for npm, Python, Go, Java … packages anywhere on the host (slower)

Exit status: 0 pass, 1 a failure threshold was met, 2 usage or scan error.`;

export const hostsCommand: Command = {
  name: 'hosts',
  summary: "scan this host's packages and configuration",
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'scan')
      throw new UsageError(sub ? `unknown sub-command "hosts ${sub}"` : 'missing sub-command: hosts scan');
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        ...SCAN_OPTIONS,
        root: { type: 'string', default: '/' },
        'language-packages': { type: 'boolean', default: false },
      },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const format = checkFormat(values);
    const policy = await buildPolicy(values, undefined, 'host');
    const report = await runHostScan({
      root: values.root!,
      dataDir: dataDir(),
      policy,
      languagePackages: values['language-packages']!,
      tool: { name: 'moat', version: moatVersion() },
    });
    writeReport(report, format, values, io);
    return reportPasses(report) ? 0 : 1;
  },
};
