// Flags shared by `moat images scan` and `moat hosts scan`: thresholds, exceptions, policy, output.
import fs from 'node:fs';
import os from 'node:os';
import type { ParseArgsConfig } from 'node:util';
import { UsageError, type CliIo } from '../command';
import { isThreshold, type Threshold } from '../../../agent/policy/severity-threshold';
import { parseCiPolicy, type CiPolicy } from '../../../agent/policy/ci-policy';
import { parseIgnoreFile } from './ignore-file';
import { isScanFormat, SCAN_FORMATS, type ScanFormat } from './formats/index';
import { invokeConsole, type ConsoleTarget } from './console-client';
import type { ScanReport } from './report';

export const SCAN_OPTIONS = {
  details: { type: 'boolean', default: false },
  'vulnerability-threshold': { type: 'string' },
  'compliance-threshold': { type: 'string' },
  'only-fixed': { type: 'boolean' },
  'grace-days': { type: 'string' },
  'ignore-file': { type: 'string' },
  format: { type: 'string', default: 'table' },
  'output-file': { type: 'string' },
  policy: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const SCAN_FLAGS_HELP = `  --details                          list every vulnerability and compliance issue
  --vulnerability-threshold SEV      fail on vulnerabilities of SEV or above (low|medium|high|critical)
  --compliance-threshold SEV         fail on compliance issues of SEV or above
  --only-fixed                       count only vulnerabilities that have a fix
  --grace-days N                     vulnerabilities published in the last N days only alert
  --ignore-file FILE                 exceptions: "ID [package=NAME] [expires=YYYY-MM-DD] [# reason]" per line
  --format table|json|sarif|junit|cyclonedx|spdx   (default table)
  --output-file FILE                 write the report there instead of stdout
  --policy FILE                      rules as JSON (the console's CI rule format), for offline CI`;

export interface ScanFlagValues {
  details?: boolean;
  'vulnerability-threshold'?: string;
  'compliance-threshold'?: string;
  'only-fixed'?: boolean;
  'grace-days'?: string;
  'ignore-file'?: string;
  format?: string;
  'output-file'?: string;
  policy?: string;
}

export function checkFormat(values: ScanFlagValues): ScanFormat {
  const format = values.format ?? 'table';
  if (!isScanFormat(format))
    throw new UsageError(`--format must be one of ${Object.keys(SCAN_FORMATS).join(', ')}`);
  return format;
}

/** The policy from a file, the console or defaults, with the command-line flags applied on top. */
export async function buildPolicy(
  values: ScanFlagValues,
  consoleTarget: ConsoleTarget | undefined,
  image: string,
): Promise<CiPolicy> {
  const threshold = (k: 'vulnerability-threshold' | 'compliance-threshold'): Threshold | undefined => {
    const v = values[k];
    if (v !== undefined && !isThreshold(v))
      throw new UsageError(`--${k} must be low, medium, high or critical, got "${v}"`);
    return v;
  };
  const vulnThreshold = threshold('vulnerability-threshold');
  const compThreshold = threshold('compliance-threshold');
  const graceDays = values['grace-days'] === undefined ? undefined : Number(values['grace-days']);
  if (graceDays !== undefined && (!Number.isInteger(graceDays) || graceDays < 0)) {
    throw new UsageError(`--grace-days must be a whole number of days, got "${values['grace-days']}"`);
  }
  const policy = await loadPolicy(values.policy, consoleTarget, image);
  if (vulnThreshold) policy.vulnerability.failThreshold = vulnThreshold;
  if (compThreshold) policy.compliance.failThreshold = compThreshold;
  if (values['only-fixed']) policy.vulnerability.onlyFixed = true;
  if (graceDays !== undefined) policy.vulnerability.graceDays = graceDays;
  if (values['ignore-file']) {
    const file = values['ignore-file'];
    policy.vulnerability.exceptions = [
      ...(policy.vulnerability.exceptions ?? []),
      ...parseIgnoreFile(readInput(file, '--ignore-file'), file),
    ];
  }
  return policy;
}

export function writeReport(report: ScanReport, format: ScanFormat, values: ScanFlagValues, io: CliIo): void {
  const text = SCAN_FORMATS[format](report, values.details ?? false);
  if (values['output-file']) fs.writeFileSync(values['output-file'], text);
  else io.stdout.write(text);
}

async function loadPolicy(
  file: string | undefined,
  target: ConsoleTarget | undefined,
  image: string,
): Promise<CiPolicy> {
  if (file) {
    let raw: unknown;
    try {
      raw = JSON.parse(readInput(file, '--policy'));
    } catch (err) {
      throw new Error(`--policy ${file}: ${(err as Error).message}`);
    }
    return parseCiPolicy(raw, file);
  }
  if (target)
    return parseCiPolicy(
      await invokeConsole(target, 'ci:policy', { image, host: os.hostname() }),
      `CI policy from ${target.address}`,
    );
  return parseCiPolicy({}, 'defaults');
}

function readInput(file: string, flag: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `${flag} ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
}
