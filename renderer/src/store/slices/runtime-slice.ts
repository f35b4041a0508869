// Runtime defense state: sensor status, container models, and the container audit list kept live by audit:new.
import type { StateCreator } from 'zustand';
import type {
  AuditDto,
  ModelDetailDto,
  ModelSummaryDto,
  Page,
  RuntimeSettingsDto,
  RuntimeStatusDto,
} from '../../../../electron/contract/index';
import { api } from '../../api/client';
import type { AppState } from '../index';
import { mergeAudits, type AuditFilter } from './runtime-slice-merge';

export type { AuditFilter };

export interface RuntimeSlice {
  runtimeStatus?: RuntimeStatusDto;
  runtimeSettings?: RuntimeSettingsDto;
  models?: Page<ModelSummaryDto>;
  modelDetail?: ModelDetailDto;
  audits?: Page<AuditDto>;
  auditFilter: AuditFilter;
  runtimeError?: string;
  loadRuntimeStatus(): Promise<void>;
  loadRuntimeSettings(): Promise<void>;
  saveLearningSeconds(seconds: number): Promise<void>;
  saveArchiveDeleteSeconds(seconds: number): Promise<void>;
  /** A model's own learning period; null: back to the global one. */
  setModelLearning(id: string, seconds: number | null): Promise<void>;
  loadModels(page?: number): Promise<void>;
  loadModel(id: string): Promise<void>;
  relearn(image: string, action: 'start' | 'stop'): Promise<void>;
  loadAudits(page?: number): Promise<void>;
  setAuditFilter(f: AuditFilter): Promise<void>;
  onAuditsPushed(rows: AuditDto[]): void;
  /** Every audit matching the filter (up to 10,000), for export. */
  allAudits(): Promise<AuditDto[]>;
}

const PAGE = 50;

export const createRuntimeSlice: StateCreator<AppState, [], [], RuntimeSlice> = (set, get) => {
  const guard = async (fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
      set({ runtimeError: undefined });
    } catch (err) {
      set({ runtimeError: (err as Error).message });
    }
  };
  return {
    auditFilter: {},
    loadRuntimeStatus: () =>
      guard(async () => set({ runtimeStatus: await api.invoke('runtime:status', {}) })),
    loadRuntimeSettings: () =>
      guard(async () => set({ runtimeSettings: await api.invoke('runtime:settings', {}) })),
    saveLearningSeconds: (seconds) =>
      guard(async () =>
        set({ runtimeSettings: await api.invoke('runtime:settings', { learningSeconds: seconds }) }),
      ),
    saveArchiveDeleteSeconds: (seconds) =>
      guard(async () =>
        set({
          runtimeSettings: await api.invoke('runtime:settings', { archiveDeleteSeconds: seconds }),
        }),
      ),
    setModelLearning: (id, seconds) =>
      guard(async () => {
        await api.invoke('models:setLearning', { image: id, seconds });
        await get().loadModel(id);
      }),
    loadModels: (page = get().models?.page ?? 1) =>
      guard(async () => set({ models: await api.invoke('models:list', { page, pageSize: PAGE }) })),
    loadModel: (id) => guard(async () => set({ modelDetail: await api.invoke('models:get', { id }) })),
    relearn: (image, action) =>
      guard(async () => {
        await api.invoke('models:relearn', { image, action });
        await get().loadModels();
        if (get().modelDetail?.id === image) await get().loadModel(image);
      }),
    loadAudits: (page = 1) =>
      guard(async () => {
        const f = get().auditFilter;
        set({ audits: await api.invoke('audits:list', { page, pageSize: PAGE, ...f }) });
      }),
    setAuditFilter: async (f) => {
      set({ auditFilter: f });
      await get().loadAudits(1);
    },
    onAuditsPushed(rows) {
      const page = get().audits;
      // Only the first page follows live; later pages stay put while the user reads them.
      if (!page || page.page !== 1) return;
      set({ audits: mergeAudits(page, rows, get().auditFilter) });
    },
    async allAudits() {
      const out: AuditDto[] = [];
      for (let page = 1; page <= 20; page++) {
        const p = await api.invoke('audits:list', { page, pageSize: 500, ...get().auditFilter });
        out.push(...p.items);
        if (out.length >= p.total) break;
      }
      return out;
    },
  };
};
