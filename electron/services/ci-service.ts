// CI scans: the rules `moat images scan --address` fetches, and the results it publishes.
import type { CiPolicy } from '../../agent/policy/ci-policy';
import type { ScopeSubject } from '../../agent/policy/scope';
import type { RuleStore } from './rule-store';
import type { ImageInventory } from '../../agent/scan/scan-image';
import type { SettingsRepo } from '../db/repos/settings-repo';
import type { ScansRepo, StoredCheck } from '../db/repos/scans-repo';
import type { ScanService } from './scan-service';

export interface PublishedScan {
  inventory: ImageInventory;
  compliance: StoredCheck[];
  vulnPass: boolean;
  compliancePass: boolean;
  host: string;
  user: string;
}

const KEEP_KEY = 'ci.keepResults';

export class CiService {
  constructor(
    private readonly settings: SettingsRepo,
    readonly rules: RuleStore,
    private readonly scans: ScanService,
    private readonly repo: ScansRepo,
  ) {}

  policy(image: ScopeSubject): CiPolicy {
    return this.rules.policy(image);
  }

  keepResults(): boolean {
    return this.settings.get(KEEP_KEY, true);
  }

  setKeepResults(keep: boolean): void {
    this.settings.set(KEEP_KEY, keep);
  }

  /** Stores a published scan (matched against the console's own feeds) unless the console is set not to keep CI results. */
  publish(p: PublishedScan): { stored: boolean; scanId?: number } {
    if (!this.keepResults()) return { stored: false };
    const verdict = p.vulnPass && p.compliancePass ? 'pass' : 'fail';
    const scanId = this.scans.record('ci', p.inventory, { sourceHost: p.host, sourceUser: p.user });
    this.repo.addCompliance(scanId, p.compliance, verdict);
    return { stored: true, scanId };
  }
}
