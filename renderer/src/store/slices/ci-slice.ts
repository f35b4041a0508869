import type { StateCreator } from 'zustand';
import type { ComplianceRowDto, Page, ScanSummaryDto } from '../../../../electron/contract/index';
import { api } from '../../api/client';
import type { AppState } from '../index';

export interface CiSlice {
  ciScans?: Page<ScanSummaryDto>;
  ciError?: string;
  detailCompliance?: ComplianceRowDto[];
  loadCiScans(page?: number): Promise<void>;
  loadCompliance(scanId: number): Promise<void>;
}

export const createCiSlice: StateCreator<AppState, [], [], CiSlice> = (set) => ({
  async loadCiScans(page = 1) {
    try {
      set({
        ciScans: await api.invoke('scans:list', { kind: 'ci', page, pageSize: 25 }),
        ciError: undefined,
      });
    } catch (err) {
      set({ ciError: (err as Error).message });
    }
  },
  async loadCompliance(scanId) {
    set({ detailCompliance: undefined });
    set({ detailCompliance: await api.invoke('scans:compliance', { id: scanId }) });
  },
});
