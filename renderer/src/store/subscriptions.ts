// Maps pushed events and the address bar to slice actions; called once at start-up.
import { api } from '../api/client';
import { useStore } from './index';
import { coalesce } from '../lib/coalesce';

export function subscribeToConsole(): () => void {
  const s = useStore.getState;
  const reloadRadar = coalesce(() => s().loadRadar());
  const onHash = (): void => s().syncRoute();
  window.addEventListener('hashchange', onHash);
  const offs = [
    api.on('dashboard:changed', (d) => s().setDashboard(d)),
    api.on('scan:progress', (p) => s().onScanProgress(p)),
    api.on('scan:finished', (f) => s().onScanFinished(f.scanId)),
    api.on('audit:new', (rows) => s().onAuditsPushed(rows)),
    // The radar follows containers starting and stopping while it is open.
    api.on('docker:event', (e) => {
      if (e.type === 'container' && s().route[0] === 'radar') reloadRadar();
    }),
    () => window.removeEventListener('hashchange', onHash),
  ];
  return () => offs.forEach((off) => off());
}
