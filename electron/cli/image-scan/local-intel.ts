// Matching against the local data directory's intel.db, as the CLI does when it works alone.
import fs from 'node:fs';
import path from 'node:path';
import { openIntelDb } from '../../../agent/vuln/intel-db';
import { matchPackages } from '../../../agent/vuln/matcher';
import type { ImageInventory } from '../../../agent/scan/scan-image';
import type { CiPolicy } from '../../../agent/policy/ci-policy';
import type { ScanReport } from './report';

export function matchWithLocalFeeds(
  dataDir: string,
  inventory: ImageInventory,
  policy: CiPolicy,
): { findings: ScanReport['findings']; feeds: ScanReport['feeds']; warnings: string[] } {
  const intelFile = path.join(dataDir, 'intel.db');
  if (!fs.existsSync(intelFile)) {
    // With a vulnerability threshold, "no feeds" would read as "no vulnerabilities": refuse instead.
    if (policy.vulnerability.failThreshold || policy.vulnerability.alertThreshold) {
      throw new Error(
        `no vulnerability feeds at ${intelFile}: import them first with "moat feeds import" (or set MOAT_HOME)`,
      );
    }
    return {
      findings: [],
      feeds: [],
      warnings: [`no vulnerability feeds at ${intelFile}; vulnerabilities were not checked`],
    };
  }
  const db = openIntelDb(intelFile);
  try {
    const m = matchPackages(db, inventory.os ?? undefined, inventory.packages);
    return {
      findings: m.findings,
      warnings: m.warnings,
      feeds: db.feeds().map((f) => ({ name: f.name, importedAt: f.importedAt })),
    };
  } finally {
    db.close();
  }
}
