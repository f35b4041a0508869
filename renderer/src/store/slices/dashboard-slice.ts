import type { StateCreator } from 'zustand';
import type { DashboardDto } from '../../../../electron/contract/index';
import { api } from '../../api/client';
import type { AppState } from '../index';

export interface DashboardSlice {
  dashboard?: DashboardDto;
  dashboardError?: string;
  loadDashboard(): Promise<void>;
  setDashboard(d: DashboardDto): void;
}

export const createDashboardSlice: StateCreator<AppState, [], [], DashboardSlice> = (set) => ({
  dashboard: undefined,
  dashboardError: undefined,
  async loadDashboard() {
    try {
      set({ dashboard: await api.invoke('dashboard:get', {}), dashboardError: undefined });
    } catch (err) {
      set({ dashboardError: (err as Error).message });
    }
  },
  setDashboard(d) {
    set({ dashboard: d, dashboardError: undefined });
  },
});
