// Manage › Collections and tags, and the tag and exception actions on a finding.
import type { StateCreator } from 'zustand';
import type {
  CollectionDto,
  CollectionInputDto,
  InvokeMap,
  VulnTagDto,
} from '../../../../electron/contract/index';
import { api } from '../../api/client';
import type { AppState } from '../index';

type Status = { message?: string; error?: string };

export interface CollectionsSlice {
  collections?: CollectionDto[];
  vulnTagDefs?: VulnTagDto[];
  collectionsStatus?: Status;
  /** The outcome of the last tag or exception action on a finding. */
  findingStatus?: Status;
  loadCollections(): Promise<void>;
  saveCollection(c: CollectionInputDto & { id?: number }): Promise<boolean>;
  deleteCollection(id: number): Promise<void>;
  saveTag(t: { id?: number; name: string; colour: string; description: string }): Promise<boolean>;
  deleteTag(id: number): Promise<void>;
  tagFinding(a: InvokeMap['vulnTags:assign']['params']): Promise<boolean>;
  untagFinding(id: number): Promise<void>;
  addException(p: InvokeMap['vulnRules:addException']['params']): Promise<boolean>;
}

export const createCollectionsSlice: StateCreator<AppState, [], [], CollectionsSlice> = (set, get) => {
  const manage = async (run: () => Promise<string>): Promise<boolean> => {
    try {
      const message = await run();
      await get().loadCollections();
      set({ collectionsStatus: { message } });
      return true;
    } catch (err) {
      set({ collectionsStatus: { error: (err as Error).message } });
      return false;
    }
  };
  const onFinding = async (run: () => Promise<string>): Promise<boolean> => {
    try {
      const message = await run();
      // The list is reloaded before the result shows, so the tags on screen match the message.
      await get().loadVulns();
      set({ findingStatus: { message } });
      return true;
    } catch (err) {
      set({ findingStatus: { error: (err as Error).message } });
      return false;
    }
  };
  return {
    async loadCollections() {
      const [collections, vulnTagDefs] = await Promise.all([
        api.invoke('collections:list', {}),
        api.invoke('tags:list', {}),
      ]);
      set({ collections, vulnTagDefs });
    },
    saveCollection: (c) =>
      manage(async () => `Saved collection "${(await api.invoke('collections:save', c)).name}"`),
    async deleteCollection(id) {
      await manage(async () => {
        await api.invoke('collections:delete', { id });
        return 'Collection deleted';
      });
    },
    saveTag: (t) => manage(async () => `Saved tag "${(await api.invoke('tags:save', t)).name}"`),
    async deleteTag(id) {
      await manage(async () => {
        await api.invoke('tags:delete', { id });
        return 'Tag deleted';
      });
    },
    tagFinding: (a) =>
      onFinding(async () => {
        const r = await api.invoke('vulnTags:assign', a);
        return `Tagged ${r.vulnId} "${r.tag}"`;
      }),
    async untagFinding(id) {
      await onFinding(async () => {
        await api.invoke('vulnTags:remove', { id });
        return 'Tag removed';
      });
    },
    addException: (p) =>
      onFinding(async () => {
        const r = await api.invoke('vulnRules:addException', p);
        const until = r.exception.expires ? ` until ${r.exception.expires}` : '';
        return `Exception for ${r.exception.id}${until} added to the ${r.kind} vulnerability rule "${r.rule}"`;
      }),
  };
};
