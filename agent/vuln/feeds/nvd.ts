// NVD CVE API 2.0 importer: single `cve` objects or API pages ({vulnerabilities: [{cve}]}), streamed.
// NVD data only enriches records other feeds bring (description, CVSS, dates); it adds no affected ranges.
import type { Severity } from '../../model/finding';
import { cvss3BaseScore, severityFromScore } from '../cvss';
import { readFile, stat } from 'node:fs/promises';
import { streamJsonMembers } from './json-stream';
import { clip, fileChunks, headText, isRecord, parseJson, readHead } from './read-input';
import type { CveEnrichment, FeedImporter, FeedSink } from './types';
import { MAX_TEXT } from './types';

const MAX_CVE_CHARS = 16 * 1024 * 1024;

// NVD's own (Primary) assessment beats a CNA's (Secondary); then v3.1 > v3.0 > v4.0 > v2, since the
// other feeds and most users still reason in v3 scores.
const METRIC_KEYS: Array<[string, string]> = [
  ['cvssMetricV31', '3.1'],
  ['cvssMetricV30', '3.0'],
  ['cvssMetricV40', '4.0'],
  ['cvssMetricV2', '2.0'],
];

interface Candidate {
  primary: boolean;
  rank: number;
  vector: string;
  version: string;
  score?: number;
}

function v2Severity(score: number): Severity {
  return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
}

function candidates(metrics: Record<string, unknown>): Candidate[] {
  const out: Candidate[] = [];
  METRIC_KEYS.forEach(([key, version], rank) => {
    const list = metrics[key];
    if (!Array.isArray(list)) return;
    for (const m of list) {
      if (!isRecord(m) || !isRecord(m.cvssData) || typeof m.cvssData.vectorString !== 'string') continue;
      const vector = m.cvssData.vectorString.slice(0, 512);
      const given =
        typeof m.cvssData.baseScore === 'number' && m.cvssData.baseScore >= 0 && m.cvssData.baseScore <= 10
          ? m.cvssData.baseScore
          : undefined;
      let score = given;
      if (version.startsWith('3')) {
        try {
          score = cvss3BaseScore(vector).score;
        } catch {
          score = given;
        }
      }
      out.push({ primary: m.type === 'Primary', rank, vector, version, score });
    }
  });
  return out.sort((a, b) => Number(b.primary) - Number(a.primary) || a.rank - b.rank);
}

/** Pure: one NVD `cve` object -> enrichment. Missing metrics are fine (new CVEs have none yet). */
export function parseNvdCve(value: unknown): CveEnrichment {
  if (!isRecord(value)) throw new Error('cve is not a JSON object');
  const id = value.id;
  if (typeof id !== 'string' || !/^CVE-\d{4}-\d{4,}$/.test(id))
    throw new Error(`id ${JSON.stringify(id)?.slice(0, 40)} is not a CVE id`);
  const out: CveEnrichment = { id };
  if (Array.isArray(value.descriptions)) {
    const en = value.descriptions.find((d) => isRecord(d) && d.lang === 'en' && typeof d.value === 'string');
    if (isRecord(en)) out.description = clip(en.value as string, MAX_TEXT);
  }
  if (typeof value.published === 'string') out.published = value.published.slice(0, 64);
  if (typeof value.lastModified === 'string') out.modified = value.lastModified.slice(0, 64);
  if (value.metrics !== undefined && !isRecord(value.metrics))
    throw new Error(`${id}: metrics must be an object`);
  const best = candidates(value.metrics ?? {}).find((c) => c.score !== undefined);
  if (best && best.score !== undefined) {
    out.cvssScore = best.score;
    out.cvssVector = best.vector;
    out.cvssVersion = best.version;
    out.severity = best.version === '2.0' ? v2Severity(best.score) : severityFromScore(best.score);
  }
  return out;
}

function emit(value: unknown, where: string, sink: FeedSink): void {
  try {
    // API pages wrap each record as {cve: {...}}; single files may too.
    sink.enrichment(parseNvdCve(isRecord(value) && isRecord(value.cve) ? value.cve : value));
  } catch (err) {
    sink.invalid(where, (err as Error).message);
  }
}

export const nvdImporter: FeedImporter = {
  name: 'nvd',
  detect(_name: string, firstBytes: Buffer): boolean {
    const head = headText(firstBytes);
    return /^\s*\{/.test(head) && /"(vulnStatus|sourceIdentifier|NVD_CVE|cvssMetricV\d+)"/.test(head);
  },
  async run(path: string, sink: FeedSink): Promise<void> {
    const head = headText(await readHead(path));
    const paged = /"(vulnerabilities|resultsPerPage|NVD_CVE)"/.test(head);
    if (!paged) {
      const text = await readCapped(path);
      emit(parseJson(text, path), path, sink);
      return;
    }
    const members = streamJsonMembers(fileChunks(path), path, {
      path: ['vulnerabilities'],
      maxItemChars: MAX_CVE_CHARS,
      onBytes: (b) => sink.progress(b),
    });
    for await (const m of members) {
      const where = `${path} vulnerabilities[${m.index}]`;
      if (m.text === undefined) sink.invalid(where, `record larger than ${MAX_CVE_CHARS} characters`);
      else emit(parseJson(m.text, where), where, sink);
    }
  },
};

async function readCapped(path: string): Promise<string> {
  const { size } = await stat(path);
  if (size > MAX_CVE_CHARS)
    throw new Error(`${path}: a single NVD record of ${size} bytes is more than ${MAX_CVE_CHARS}`);
  return (await readFile(path)).toString('utf8');
}
