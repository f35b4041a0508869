// SBOM export: one builder per format, chosen from a table.
import { toCycloneDx } from './cyclonedx';
import { toSpdx } from './spdx';
import type { SbomFormat, SbomInput } from './types';

export type { SbomFormat, SbomInput } from './types';

export const SBOM_FORMATS: Record<SbomFormat, (input: SbomInput) => object> = {
  cyclonedx: toCycloneDx,
  spdx: toSpdx,
};

export function isSbomFormat(value: string): value is SbomFormat {
  return Object.hasOwn(SBOM_FORMATS, value);
}

/** The document as pretty-printed JSON with a final newline. */
export function renderSbom(format: SbomFormat, input: SbomInput): string {
  return `${JSON.stringify(SBOM_FORMATS[format](input), null, 2)}\n`;
}
