import type { StateCreator } from 'zustand';
import type { RadarDto } from '../../../../electron/contract/index';
import { api } from '../../api/client';
import type { AppState } from '../index';

export interface RadarSlice {
  radar?: RadarDto;
  radarError?: string;
  loadRadar(): Promise<void>;
}

export const createRadarSlice: StateCreator<AppState, [], [], RadarSlice> = (set) => ({
  async loadRadar() {
    try {
      set({ radar: await api.invoke('radar:get', {}), radarError: undefined });
    } catch (err) {
      set({ radarError: (err as Error).message });
    }
  },
});
