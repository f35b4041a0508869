// How the Defenders page names the runtime mode, and when runtime defense counts as off for the user.
import type { RuntimeStatusDto } from '../../../../electron/contract/index';

const LABELS: Record<RuntimeStatusDto['mode'], string> = {
  embedded: 'embedded',
  agent: 'local agent',
  off: 'off',
};

/** "embedded" (the console runs the sensors as root), "local agent" (sudo moat agent --local), or "off". */
export function modeLabel(mode: RuntimeStatusDto['mode']): string {
  return LABELS[mode];
}

/** Off, or meant to use the local agent but not connected to one: either way nothing is watched. */
export function runtimeOff(status: RuntimeStatusDto): boolean {
  return status.mode === 'off' || (status.mode === 'agent' && status.phase === 'waiting');
}
