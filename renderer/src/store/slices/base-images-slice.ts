// Defend › Vulnerabilities › Base images: declared bases whose findings derived images show as inherited.
import type { StateCreator } from 'zustand';
import type { BaseImageDto } from '../../../../electron/contract/index';
import { api } from '../../api/client';
import type { AppState } from '../index';

export interface BaseImagesSlice {
  baseImages?: BaseImageDto[];
  baseImagesStatus?: { message?: string; error?: string };
  loadBaseImages(): Promise<void>;
  /** Declares an image of the daemon (by tag or id) or a scanned image (by scan id) as a base image. */
  addBaseImage(from: { ref: string } | { scanId: number }): Promise<void>;
  removeBaseImage(id: number): Promise<void>;
}

export const createBaseImagesSlice: StateCreator<AppState, [], [], BaseImagesSlice> = (set, get) => ({
  async loadBaseImages() {
    try {
      set({ baseImages: await api.invoke('baseImages:list', {}) });
    } catch (err) {
      set({ baseImagesStatus: { error: (err as Error).message } });
    }
  },
  async addBaseImage(from) {
    try {
      const added = await api.invoke('baseImages:add', from);
      set({ baseImagesStatus: { message: `${added.ref} is a base image (${added.layers} layers)` } });
      await get().loadBaseImages();
    } catch (err) {
      set({ baseImagesStatus: { error: (err as Error).message } });
    }
  },
  async removeBaseImage(id) {
    try {
      set({ baseImages: await api.invoke('baseImages:remove', { id }), baseImagesStatus: undefined });
    } catch (err) {
      set({ baseImagesStatus: { error: (err as Error).message } });
    }
  },
});
