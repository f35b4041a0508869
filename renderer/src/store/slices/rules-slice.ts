import type { StateCreator } from 'zustand';
import type {
  CiRules,
  ComplianceCatalogDto,
  ComplianceRuleList,
  RuleKind,
} from '../../../../electron/contract/index';
import { api } from '../../api/client';
import type { AppState } from '../index';

export interface RulesSlice {
  /** The CI rules as the CLI fetches them (custom checks are listed from them). */
  rules?: CiRules;
  catalog?: ComplianceCatalogDto;
  /** Each kind's ordered compliance rules, as stored. */
  complianceRules: Partial<Record<RuleKind, ComplianceRuleList>>;
  rulesStatus?: { kind: RuleKind; message?: string; error?: string };
  loadRules(): Promise<void>;
  loadComplianceRules(kind: RuleKind): Promise<void>;
  saveComplianceRules(kind: RuleKind, rules: ComplianceRuleList): Promise<void>;
}

export const createRulesSlice: StateCreator<AppState, [], [], RulesSlice> = (set, get) => ({
  complianceRules: {},
  async loadRules() {
    const [rules, catalog] = await Promise.all([
      api.invoke('ci:rules', {}),
      api.invoke('compliance:catalog', {}),
    ]);
    set({ rules, catalog });
  },
  async loadComplianceRules(kind) {
    try {
      const [list, catalog] = await Promise.all([
        api.invoke('complianceRules:list', { kind }),
        api.invoke('compliance:catalog', {}),
      ]);
      set({ complianceRules: { ...get().complianceRules, [kind]: list }, catalog, rulesStatus: undefined });
    } catch (err) {
      set({ rulesStatus: { kind, error: (err as Error).message } });
    }
  },
  async saveComplianceRules(kind, rules) {
    try {
      // Only this kind's compliance list is replaced; vulnerability rules and the other lists stay as stored.
      const saved = await api.invoke('complianceRules:set', { kind, rules });
      set({
        complianceRules: { ...get().complianceRules, [kind]: saved },
        rulesStatus: { kind, message: 'Saved' },
      });
      if (kind === 'ci') await get().loadRules();
    } catch (err) {
      set({ rulesStatus: { kind, error: (err as Error).message } });
    }
  },
});
