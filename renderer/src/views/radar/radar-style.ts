// How radar nodes look: colour by the worst vulnerability severity, a pink outline when containers were audited.
import type { RadarNode } from '../../../../electron/contract/index';

export const AUDITED_OUTLINE = '#e0218a';

export function riskColour(n: RadarNode): string {
  if (n.kind === 'external') return '#9aa5b1';
  const v = n.vulns;
  if (!v) return '#cbd2d9';
  if (v.critical > 0) return '#b71c1c';
  if (v.high > 0) return '#ef6c00';
  if (v.medium > 0) return '#f9a825';
  if (v.low > 0) return '#7cb342';
  return '#2e7d32';
}

export function nodeLabel(n: RadarNode): string {
  if (n.kind === 'external') return n.label;
  const count = n.containers.length;
  return `${n.label}\n${count} container${count === 1 ? '' : 's'}`;
}
