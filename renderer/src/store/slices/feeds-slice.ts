import type { StateCreator } from 'zustand';
import type {
  CustomVulnDto,
  FeedDto,
  FeedImportResultDto,
  FeedUpdateDto,
} from '../../../../electron/contract/index';
import { api } from '../../api/client';
import { fileToBase64 } from '../../api/file-base64';
import type { AppState } from '../index';

export interface FeedsSlice {
  feeds?: FeedDto[];
  feedsError?: string;
  feedsLastUpdate?: FeedUpdateDto;
  customVulns?: CustomVulnDto[];
  feedAction?: { busy: boolean; message?: string; error?: string };
  loadFeeds(): Promise<void>;
  uploadFeed(file: File): Promise<void>;
  importFeedPath(path: string): Promise<void>;
  updateFeedsFromMirror(mirror: string): Promise<void>;
  saveCustomVulns(entries: CustomVulnDto[]): Promise<boolean>;
}

function describe(r: FeedImportResultDto): string {
  return (
    r.feeds
      .map((f) => `${f.name}: ${f.records} records${f.invalid ? `, ${f.invalid} invalid` : ''}`)
      .join('; ') || 'nothing imported'
  );
}

export const createFeedsSlice: StateCreator<AppState, [], [], FeedsSlice> = (set, get) => {
  const action = async (run: () => Promise<string>): Promise<boolean> => {
    set({ feedAction: { busy: true } });
    try {
      const message = await run();
      // The list is reloaded before the result shows, so the two never disagree on screen.
      await get().loadFeeds();
      set({ feedAction: { busy: false, message } });
      return true;
    } catch (err) {
      set({ feedAction: { busy: false, error: (err as Error).message } });
      return false;
    }
  };
  return {
    async loadFeeds() {
      try {
        const [{ feeds, error, lastUpdate }, customVulns] = await Promise.all([
          api.invoke('feeds:list', {}),
          api.invoke('customVulns:list', {}),
        ]);
        set({ feeds, feedsError: error, feedsLastUpdate: lastUpdate, customVulns });
      } catch (err) {
        set({ feedsError: (err as Error).message });
      }
    },
    async uploadFeed(file) {
      await action(async () =>
        describe(
          await api.invoke('feeds:upload', { fileName: file.name, contentBase64: await fileToBase64(file) }),
        ),
      );
    },
    async importFeedPath(path) {
      await action(async () => describe(await api.invoke('feeds:importPath', { path })));
    },
    async updateFeedsFromMirror(mirror) {
      const ok = await action(async () => {
        const r = await api.invoke('feeds:update', { mirror });
        return r.result ? describe(r.result) : 'nothing imported';
      });
      // A failed update is stored too: reload so its error shows beside the mirror.
      if (!ok) await get().loadFeeds();
    },
    async saveCustomVulns(entries) {
      return action(async () => {
        const saved = await api.invoke('customVulns:save', { entries });
        set({ customVulns: saved });
        return `saved ${saved.length} custom vulnerabilities`;
      });
    },
  };
};
