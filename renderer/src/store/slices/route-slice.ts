// Hash routes (#/monitor/vulnerabilities/images/12): work the same under file:// (Electron) and http (web mode).
import type { StateCreator } from 'zustand';
import type { AppState } from '../index';

export interface RouteSlice {
  route: string[];
  navigate(path: string): void;
  syncRoute(): void;
}

export function parseHash(hash: string): string[] {
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export const createRouteSlice: StateCreator<AppState, [], [], RouteSlice> = (set) => ({
  route: parseHash(location.hash),
  navigate(path) {
    location.hash = path;
  },
  syncRoute() {
    set({ route: parseHash(location.hash) });
  },
});
