import type { StateCreator } from 'zustand';
import type { CiRules, ComplianceCatalogDto } from '../../../../electron/contract/index';
import { api } from '../../api/client';
import type { AppState } from '../index';

export interface RulesSlice {
  rules?: CiRules;
  catalog?: ComplianceCatalogDto;
  rulesStatus?: { message?: string; error?: string };
  loadRules(): Promise<void>;
  saveRules(rules: CiRules): Promise<void>;
}

export const createRulesSlice: StateCreator<AppState, [], [], RulesSlice> = (set) => ({
  async loadRules() {
    const [rules, catalog] = await Promise.all([
      api.invoke('ci:rules', {}),
      api.invoke('compliance:catalog', {}),
    ]);
    set({ rules, catalog });
  },
  async saveRules(rules) {
    try {
      // The compliance page edits only compliance rules: keep the CI vulnerability rules as stored now, which
      // Defend › Vulnerabilities may have changed since this page loaded them.
      const vulnerabilityRules = await api.invoke('vulnRules:list', { kind: 'ci' });
      const saved = await api.invoke('ci:setRules', { rules: { ...rules, vulnerabilityRules } });
      set({ rules: saved, rulesStatus: { message: 'Saved' } });
    } catch (err) {
      set({ rulesStatus: { error: (err as Error).message } });
    }
  },
});
