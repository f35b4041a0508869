// Manage › System: what this console is and how it is set up.
import type { StateCreator } from 'zustand';
import type { SystemInfoDto } from '../../../../electron/contract/index';
import { api } from '../../api/client';
import type { AppState } from '../index';

export interface SystemSlice {
  systemInfo?: SystemInfoDto;
  systemError?: string;
  savedBackup?: { path: string; bytes: number };
  loadSystemInfo(): Promise<void>;
  setKeepCiResults(keep: boolean): Promise<void>;
  saveBackup(): Promise<void>;
}

export const createSystemSlice: StateCreator<AppState, [], [], SystemSlice> = (set, get) => ({
  async loadSystemInfo() {
    try {
      set({ systemInfo: await api.invoke('system:info', {}), systemError: undefined });
    } catch (err) {
      set({ systemError: (err as Error).message });
    }
  },
  async saveBackup() {
    try {
      set({ savedBackup: await api.invoke('system:backup', {}), systemError: undefined });
    } catch (err) {
      set({ systemError: (err as Error).message });
    }
  },
  async setKeepCiResults(keep) {
    try {
      await api.invoke('ci:settings', { keepResults: keep });
      await get().loadSystemInfo();
    } catch (err) {
      set({ systemError: (err as Error).message });
    }
  },
});
