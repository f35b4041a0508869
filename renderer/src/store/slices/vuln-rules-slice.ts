// Defend › Vulnerabilities: one ordered rule list per kind (CI, deployed images, hosts).
import type { StateCreator } from 'zustand';
import type { RuleKind, VulnRuleList } from '../../../../electron/contract/index';
import { api } from '../../api/client';
import type { AppState } from '../index';

export interface VulnRulesSlice {
  vulnRules: Partial<Record<RuleKind, VulnRuleList>>;
  vulnRulesStatus?: { kind: RuleKind; message?: string; error?: string };
  loadVulnRules(kind: RuleKind): Promise<void>;
  saveVulnRules(kind: RuleKind, rules: VulnRuleList): Promise<void>;
}

export const createVulnRulesSlice: StateCreator<AppState, [], [], VulnRulesSlice> = (set, get) => ({
  vulnRules: {},
  async loadVulnRules(kind) {
    try {
      const rules = await api.invoke('vulnRules:list', { kind });
      set({ vulnRules: { ...get().vulnRules, [kind]: rules }, vulnRulesStatus: undefined });
    } catch (err) {
      set({ vulnRulesStatus: { kind, error: (err as Error).message } });
    }
  },
  async saveVulnRules(kind, rules) {
    try {
      const saved = await api.invoke('vulnRules:set', { kind, rules });
      set({ vulnRules: { ...get().vulnRules, [kind]: saved }, vulnRulesStatus: { kind, message: 'Saved' } });
    } catch (err) {
      set({ vulnRulesStatus: { kind, error: (err as Error).message } });
    }
  },
});
