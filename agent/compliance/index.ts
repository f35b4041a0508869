// Public surface of the compliance engine for the console and the scan service.
//
// To add the file-level compliance facts to an existing image scan: create one collector per scan
// with createComplianceCollector(), add `collector.analyzer` to scanImage's analyzers and pass
// `collector.onProgress` (chained with any other listener), then evaluate with
// `{ inventory, facts: collector.facts(inventory) }`. Layers served from the layer cache are not
// walked, so such a scan yields incomplete facts and the file-based checks report an error.
export {
  catalog,
  templates,
  templateCheckIds,
  catalogEntry,
  FIRST_USER_CHECK_ID,
  type Template,
} from './catalog';
export { checks, checkById } from './registry';
export {
  evaluateContainer,
  evaluateHost,
  evaluateImage,
  runChecks,
  scanForCompliance,
  selectChecks,
  type ComplianceResult,
  type EvaluateImageOptions,
  type ImageScanForCompliance,
  type Selection,
} from './evaluate';
export { createComplianceCollector, loadSignatures } from './collect/builtin';
export { ComplianceCollector, type ImageFacts, type FileFinding } from './collect/image-facts';
export { parseSignatureList, type Signature, type SignatureSet } from './collect/signatures';
export { parseCustomCheck, type CustomCheck } from './custom/custom-check';
export { runCustomCheck, type RunCustomOptions } from './custom/run-custom';
export { realHost, type HostEnv, type Runner } from './checks/host/host-env';
export { parseInspect, type ContainerInspect } from './checks/container/inspect';
export { maskSecret } from './mask';
export type {
  CatalogEntry,
  CheckKind,
  CheckOutcome,
  CheckSeverity,
  CheckStatus,
  ComplianceCheck,
} from './types';
