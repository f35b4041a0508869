// CVSS v3.0/v3.1 base score from a vector string, following the FIRST specification's formulas.
// Feeds often carry only the vector (OSV `severity`), so the score is computed here rather than trusted.
import type { Severity } from '../model/finding';

export interface CvssResult {
  version: '3.0' | '3.1';
  score: number;
  severity: Severity;
}

const BASE_KEYS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;
type BaseKey = (typeof BASE_KEYS)[number];

// Temporal and environmental metrics may follow the base metrics; they do not change the base score.
const OPTIONAL_KEYS = new Set([
  'E',
  'RL',
  'RC',
  'CR',
  'IR',
  'AR',
  'MAV',
  'MAC',
  'MPR',
  'MUI',
  'MS',
  'MC',
  'MI',
  'MA',
]);

const ALLOWED: Record<BaseKey, readonly string[]> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: ['H', 'L', 'N'],
  I: ['H', 'L', 'N'],
  A: ['H', 'L', 'N'],
};

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };

function privileges(value: string, changed: boolean): number {
  if (value === 'N') return 0.85;
  if (value === 'L') return changed ? 0.68 : 0.62;
  return changed ? 0.5 : 0.27;
}

/** CVSS 3.1 Roundup: works on integers so 4.000000001-style float noise does not round up a whole step. */
function roundUp31(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

/** CVSS 3.0 Roundup: the smallest one-decimal number not below x. */
function roundUp30(x: number): number {
  return Math.ceil(x * 10) / 10;
}

/** Qualitative rating shared by CVSS v3 and v4. */
export function severityFromScore(score: number | undefined): Severity {
  if (score === undefined || !Number.isFinite(score)) return 'unknown';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'negligible';
}

/** Parses and scores a v3.x vector; throws an error naming the vector and what is wrong with it. */
export function cvss3BaseScore(vector: string): CvssResult {
  const shown = vector.length > 120 ? `${vector.slice(0, 120)}…` : vector;
  const parts = vector.split('/');
  const prefix = /^CVSS:(3\.[01])$/.exec(parts[0] ?? '');
  if (!prefix) throw new Error(`CVSS vector "${shown}": does not start with CVSS:3.0/ or CVSS:3.1/`);
  const version = prefix[1] as '3.0' | '3.1';
  const values = new Map<string, string>();
  for (const part of parts.slice(1)) {
    const m = /^([A-Z]{1,3}):([A-Z])$/.exec(part);
    if (!m) throw new Error(`CVSS vector "${shown}": malformed metric "${part.slice(0, 20)}"`);
    const [, key, value] = m;
    if (values.has(key)) throw new Error(`CVSS vector "${shown}": metric ${key} given twice`);
    if (!(key in ALLOWED) && !OPTIONAL_KEYS.has(key))
      throw new Error(`CVSS vector "${shown}": unknown metric ${key}`);
    values.set(key, value);
  }
  for (const key of BASE_KEYS) {
    const v = values.get(key);
    if (v === undefined) throw new Error(`CVSS vector "${shown}": base metric ${key} missing`);
    if (!ALLOWED[key].includes(v))
      throw new Error(`CVSS vector "${shown}": ${key}:${v} is not a valid value`);
  }
  const get = (k: BaseKey): string => values.get(k) as string;
  const changed = get('S') === 'C';
  const iss = 1 - (1 - CIA[get('C')]) * (1 - CIA[get('I')]) * (1 - CIA[get('A')]);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const exploitability =
    8.22 * AV[get('AV')] * AC[get('AC')] * privileges(get('PR'), changed) * UI[get('UI')];
  const roundUp = version === '3.1' ? roundUp31 : roundUp30;
  let score = 0;
  if (impact > 0) {
    score = changed
      ? roundUp(Math.min(1.08 * (impact + exploitability), 10))
      : roundUp(Math.min(impact + exploitability, 10));
  }
  return { version, score, severity: severityFromScore(score) };
}

/** The vector's CVSS major version ("2", "3.1", "4.0"), or undefined when it names none. */
export function cvssVersionOf(vector: string): string | undefined {
  const m = /^CVSS:(\d\.\d)\//.exec(vector);
  if (m) return m[1];
  // v2 vectors carry no prefix; recognise them by their mandatory Au metric.
  return /^AV:[LAN]\/AC:[HML]\/Au:[MSN]\//.test(vector) ? '2.0' : undefined;
}
