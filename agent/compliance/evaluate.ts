// Runs catalog checks (all of a kind, a template's, or chosen ids) against an image, a container or
// this host, and user custom checks against an image, returning one result row per check.
import type { Analyzer } from '../model/analyzer';
import { osAnalyzers } from '../scan/inventory/os/index';
import { scanImage, type ImageInventory } from '../scan/scan-image';
import type { ImageSource } from '../scan/image/types';
import { catalog, catalogEntry, templateCheckIds } from './catalog';
import { parseInspect } from './checks/container/inspect';
import type { HostEnv } from './checks/host/host-env';
import { createComplianceCollector } from './collect/builtin';
import type { ImageFacts } from './collect/image-facts';
import type { CustomCheck } from './custom/custom-check';
import { runCustomCheck, type RunCustomOptions } from './custom/run-custom';
import { checkById } from './registry';
import type {
  CheckInputs,
  CheckKind,
  CheckOutcome,
  CheckSeverity,
  CheckStatus,
  ComplianceCheck,
  ImageCheckInput,
} from './types';

export interface ComplianceResult {
  checkId: number;
  title: string;
  severity: CheckSeverity;
  kind: CheckKind;
  status: CheckStatus;
  evidence: string[];
  reason?: string;
  custom?: boolean;
}

export interface Selection {
  /** Run only this template's checks. */
  template?: string;
  /** Run only these ids (intersected with the template when both are given). */
  checkIds?: readonly number[];
}

/** Catalog ids of the given kinds selected by template / ids, in catalog order. */
export function selectChecks(kinds: readonly CheckKind[], sel: Selection = {}): number[] {
  let ids = catalog.filter((c) => kinds.includes(c.kind)).map((c) => c.id);
  if (sel.template !== undefined) {
    const t = new Set(templateCheckIds(sel.template));
    ids = ids.filter((id) => t.has(id));
  }
  if (sel.checkIds !== undefined) {
    const want = new Set(sel.checkIds);
    ids = ids.filter((id) => want.has(id));
  }
  return ids;
}

function sane(o: CheckOutcome, id: number): CheckOutcome {
  // A verdict that cannot be explained is not trusted: no pass or fail without evidence.
  if ((o.status === 'not_applicable' || o.status === 'error') && !o.reason)
    return { ...o, reason: `check ${id} gave no reason` };
  if ((o.status === 'pass' || o.status === 'fail') && o.evidence.length === 0)
    return { status: 'error', evidence: [], reason: `check ${id} returned ${o.status} without evidence` };
  return o;
}

async function runOne<K extends CheckKind>(
  id: number,
  kind: K,
  input: CheckInputs[K],
): Promise<ComplianceResult> {
  const entry = catalogEntry(id);
  const code = checkById(id);
  const base = {
    checkId: id,
    title: entry?.title ?? `check ${id}`,
    severity: entry?.severity ?? 'medium',
    kind,
  };
  let outcome: CheckOutcome;
  if (!code || code.kind !== kind)
    outcome = { status: 'error', evidence: [], reason: `no ${kind} code registered for check ${id}` };
  else {
    try {
      outcome = sane(await (code as ComplianceCheck<K>).evaluate(input), id);
    } catch (e) {
      outcome = {
        status: 'error',
        evidence: [],
        reason: `check ${id} failed: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }
  return { ...base, ...outcome };
}

export async function runChecks<K extends CheckKind>(
  kind: K,
  input: CheckInputs[K],
  ids: readonly number[],
): Promise<ComplianceResult[]> {
  const out: ComplianceResult[] = [];
  for (const id of ids) out.push(await runOne(id, kind, input));
  return out;
}

export interface ImageScanForCompliance {
  inventory: ImageInventory;
  facts: ImageFacts;
}

/** One scan pass with the compliance collector riding along (no layer cache: the collector needs the bytes). */
export async function scanForCompliance(
  source: ImageSource,
  opts: { analyzers?: readonly Analyzer[]; malwareLists?: readonly string[] } = {},
): Promise<ImageScanForCompliance> {
  const collector = await createComplianceCollector(opts.malwareLists ?? []);
  const inventory = await scanImage(source, {
    analyzers: [...(opts.analyzers ?? osAnalyzers), collector.analyzer],
    collectFiles: true,
    onProgress: collector.onProgress,
  });
  return { inventory, facts: collector.facts(inventory) };
}

export interface EvaluateImageOptions extends Selection {
  customChecks?: readonly CustomCheck[];
  custom?: RunCustomOptions;
  now?: Date;
}

/** Image checks, then each custom check run in a throwaway container of `imageRef`. */
export async function evaluateImage(
  scan: ImageScanForCompliance,
  imageRef: string,
  opts: EvaluateImageOptions = {},
): Promise<ComplianceResult[]> {
  const input: ImageCheckInput = { ...scan, ...(opts.now ? { now: opts.now } : {}) };
  const results = await runChecks('image', input, selectChecks(['image'], opts));
  for (const c of opts.customChecks ?? []) {
    const o = await runCustomCheck(c, imageRef, opts.custom);
    results.push({ checkId: c.id, title: c.name, severity: c.severity, kind: 'image', custom: true, ...o });
  }
  return results;
}

/** Container checks over `docker inspect` output (raw JSON, validated here). */
export async function evaluateContainer(inspect: unknown, opts: Selection = {}): Promise<ComplianceResult[]> {
  const c = parseInspect(inspect, 'container inspect');
  return runChecks('container', c, selectChecks(['container'], opts));
}

/** Host and daemon checks on the given host view (realHost() for this machine). */
export async function evaluateHost(env: HostEnv, opts: Selection = {}): Promise<ComplianceResult[]> {
  return [
    ...(await runChecks('daemon', env, selectChecks(['daemon'], opts))),
    ...(await runChecks('host', env, selectChecks(['host'], opts))),
  ];
}
