import type { StateCreator } from 'zustand';
import type {
  DeployedImageDto,
  InvokeMap,
  Page,
  PackageRowDto,
  ScanDetailDto,
  ScanProgressDto,
  VulnRowDto,
} from '../../../../electron/contract/index';
import { api } from '../../api/client';
import type { AppState } from '../index';

export type ImageSortName = InvokeMap['images:list']['parsed']['sort'];
export type VulnSortName = InvokeMap['scans:vulns']['parsed']['sort'];

export interface ImagesSlice {
  images?: Page<DeployedImageDto>;
  imagesQuery: { page: number; search: string; sort: ImageSortName; desc: boolean };
  imagesError?: string;
  scanProgress: Record<number, ScanProgressDto>;
  detail?: ScanDetailDto;
  detailVulns?: Page<VulnRowDto>;
  detailPackages?: Page<PackageRowDto>;
  vulnQuery: {
    page: number;
    search: string;
    severity?: VulnRowDto['severity'];
    inherited?: boolean;
    tag?: string;
    sort: VulnSortName;
    desc: boolean;
  };
  loadImages(patch?: Partial<ImagesSlice['imagesQuery']>): Promise<void>;
  rescan(ref: string): Promise<void>;
  onScanProgress(p: ScanProgressDto): void;
  onScanFinished(scanId: number): void;
  loadDetail(scanId: number): Promise<void>;
  loadVulns(patch?: Partial<ImagesSlice['vulnQuery']>): Promise<void>;
  loadPackages(page: number, search?: string): Promise<void>;
}

const PAGE_SIZE = 25;

export const createImagesSlice: StateCreator<AppState, [], [], ImagesSlice> = (set, get) => ({
  imagesQuery: { page: 1, search: '', sort: 'name', desc: false },
  scanProgress: {},
  vulnQuery: { page: 1, search: '', sort: 'severity', desc: false },
  async loadImages(patch) {
    const q = { ...get().imagesQuery, ...patch };
    set({ imagesQuery: q });
    try {
      const images = await api.invoke('images:list', {
        page: q.page,
        pageSize: PAGE_SIZE,
        search: q.search || undefined,
        sort: q.sort,
        desc: q.desc,
      });
      set({ images, imagesError: undefined });
    } catch (err) {
      set({ imagesError: (err as Error).message });
    }
  },
  async rescan(ref) {
    await api.invoke('images:scan', { ref });
    await get().loadImages();
  },
  onScanProgress(p) {
    set({ scanProgress: { ...get().scanProgress, [p.scanId]: p } });
  },
  onScanFinished(scanId) {
    const rest = { ...get().scanProgress };
    delete rest[scanId];
    set({ scanProgress: rest });
    void get().loadImages();
  },
  async loadDetail(scanId) {
    set({
      detail: undefined,
      detailVulns: undefined,
      detailPackages: undefined,
      vulnQuery: { page: 1, search: '', sort: 'severity', desc: false },
    });
    const detail = await api.invoke('scans:get', { id: scanId });
    set({ detail });
    await Promise.all([get().loadVulns(), get().loadPackages(1)]);
  },
  async loadVulns(patch) {
    const detail = get().detail;
    if (!detail) return;
    const q = { ...get().vulnQuery, ...patch };
    set({ vulnQuery: q });
    const detailVulns = await api.invoke('scans:vulns', {
      id: detail.id,
      page: q.page,
      pageSize: PAGE_SIZE,
      search: q.search || undefined,
      severity: q.severity,
      tag: q.tag,
      inherited: q.inherited,
      sort: q.sort,
      desc: q.desc,
    });
    set({ detailVulns });
  },
  async loadPackages(page, search) {
    const detail = get().detail;
    if (!detail) return;
    set({
      detailPackages: await api.invoke('scans:packages', {
        id: detail.id,
        page,
        pageSize: PAGE_SIZE,
        search,
      }),
    });
  },
});
