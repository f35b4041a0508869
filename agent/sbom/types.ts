// What an SBOM is built from: one scanned image's inventory, plus findings once the matcher has run.
import type { VulnFinding } from '../model/finding';
import type { ImageInventory } from '../scan/scan-image';

export type SbomFormat = 'cyclonedx' | 'spdx';

export interface SbomInput {
  inventory: ImageInventory;
  /** Matcher findings to embed (CycloneDX only); empty or absent for a plain inventory. */
  vulnerabilities?: readonly VulnFinding[];
  tool: { name: string; version: string };
  /** ISO 8601; defaults to now. Fixed in tests so documents compare byte for byte. */
  timestamp?: string;
  /** A UUID for the serial number / document namespace; random by default. */
  uuid?: string;
}
