import type { StateCreator } from 'zustand';
import type {
  ClamscanSettingDto,
  ContainerComplianceDto,
  HostComplianceDto,
  MalwareListDto,
} from '../../../../electron/contract/index';
import { api } from '../../api/client';
import { fileToBase64 } from '../../api/file-base64';
import type { AppState } from '../index';

export interface ComplianceSlice {
  containerCompliance?: ContainerComplianceDto[];
  hostCompliance?: HostComplianceDto;
  complianceError?: string;
  malwareLists?: MalwareListDto[];
  malwareError?: string;
  clamscan?: ClamscanSettingDto;
  loadRuntimeCompliance(): Promise<void>;
  loadMalwareLists(): Promise<void>;
  uploadMalwareList(file: File): Promise<void>;
  deleteMalwareList(name: string): Promise<void>;
  /** Turns the clamscan pass of deployed-image scans on or off. */
  setClamscan(enabled: boolean): Promise<void>;
}

export const createComplianceSlice: StateCreator<AppState, [], [], ComplianceSlice> = (set, get) => ({
  async loadRuntimeCompliance() {
    try {
      const [containerCompliance, hostCompliance] = await Promise.all([
        api.invoke('compliance:containers', {}),
        api.invoke('compliance:host', {}),
      ]);
      set({ containerCompliance, hostCompliance, complianceError: undefined });
    } catch (err) {
      set({ complianceError: (err as Error).message });
    }
  },
  async loadMalwareLists() {
    // The clamscan setting lists the ClamAV files among the lists, so both load together.
    const [malwareLists, clamscan] = await Promise.all([
      api.invoke('malware:list', {}),
      api.invoke('malware:clamscan', {}),
    ]);
    set({ malwareLists, clamscan });
  },
  async uploadMalwareList(file) {
    try {
      await api.invoke('malware:upload', { fileName: file.name, contentBase64: await fileToBase64(file) });
      set({ malwareError: undefined });
      await get().loadMalwareLists();
    } catch (err) {
      set({ malwareError: (err as Error).message });
    }
  },
  async deleteMalwareList(name) {
    await api.invoke('malware:delete', { name });
    await get().loadMalwareLists();
  },
  async setClamscan(enabled) {
    try {
      set({ clamscan: await api.invoke('malware:clamscan', { enabled }), malwareError: undefined });
    } catch (err) {
      set({ malwareError: (err as Error).message });
    }
  },
});
