// Shapes shared by the compliance catalog, the check code and the evaluator.
import type { ImageInventory } from '../scan/scan-image';
import type { ImageFacts } from './collect/image-facts';
import type { ContainerInspect } from './checks/container/inspect';
import type { HostEnv } from './checks/host/host-env';

export type CheckKind = 'image' | 'container' | 'host' | 'daemon';
export type CheckSeverity = 'critical' | 'high' | 'medium' | 'low';
export type CheckStatus = 'pass' | 'fail' | 'not_applicable' | 'error';

/** What one check concluded. `reason` is required for not_applicable and error. */
export interface CheckOutcome {
  status: CheckStatus;
  evidence: string[];
  reason?: string;
}

export interface ImageCheckInput {
  inventory: ImageInventory;
  facts: ImageFacts;
  /** For date-dependent checks (end of life); defaults to now. */
  now?: Date;
}

export interface CheckInputs {
  image: ImageCheckInput;
  container: ContainerInspect;
  host: HostEnv;
  daemon: HostEnv;
}

/** One check's code: a plain object registered by catalog id in registry.ts. */
export interface ComplianceCheck<K extends CheckKind = CheckKind> {
  id: number;
  kind: K;
  evaluate(input: CheckInputs[K]): CheckOutcome | Promise<CheckOutcome>;
}

export interface CatalogEntry {
  id: number;
  title: string;
  description: string;
  kind: CheckKind;
  severity: CheckSeverity;
  remediation: string;
  templates: string[];
}

export function pass(evidence: string[] = []): CheckOutcome {
  return { status: 'pass', evidence };
}

export function fail(evidence: string[]): CheckOutcome {
  return { status: 'fail', evidence };
}

export function notApplicable(reason: string): CheckOutcome {
  return { status: 'not_applicable', evidence: [], reason };
}

export function errored(reason: string): CheckOutcome {
  return { status: 'error', evidence: [], reason };
}

/** Fail when anything was found, else pass with a note of what was looked at (never a bare pass). */
export function failIfAny(found: string[], looked: string): CheckOutcome {
  return found.length > 0 ? fail(found) : pass([looked]);
}
