import type { StateCreator } from 'zustand';
import type {
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
  loadRuntimeCompliance(): Promise<void>;
  loadMalwareLists(): Promise<void>;
  uploadMalwareList(file: File): Promise<void>;
  deleteMalwareList(name: string): Promise<void>;
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
    set({ malwareLists: await api.invoke('malware:list', {}) });
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
    set({ malwareLists: await api.invoke('malware:delete', { name }) });
  },
});
