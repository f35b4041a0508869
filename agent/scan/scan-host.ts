// The inventory of a host's root filesystem: its OS packages (and, on request, language packages anywhere on it).
import os from 'node:os';
import { osAnalyzers } from './inventory/os/index';
import { osPackageAnalyzers } from './inventory/ospkg/index';
import { analyzers as allAnalyzers } from './inventory/registry';
import { openRootfsDir } from './image/rootfs-dir';
import { scanImage, type ImageInventory, type ScanProgress } from './scan-image';

/** Pseudo and volatile file systems, and container storage (images are scanned as images, not as host files). */
const SKIP_TOP = [
  'proc',
  'sys',
  'dev',
  'run',
  'tmp',
  'mnt',
  'media',
  'lost+found',
  'var/lib/docker',
  'var/lib/containerd',
];

export async function scanHostInventory(
  root = '/',
  opts: { languagePackages?: boolean; onProgress?: (p: ScanProgress) => void } = {},
): Promise<ImageInventory> {
  const source = await openRootfsDir(root, { skipTop: SKIP_TOP });
  const inventory = await scanImage(source, {
    analyzers: opts.languagePackages ? allAnalyzers : [...osAnalyzers, ...osPackageAnalyzers],
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  inventory.image.ref = os.hostname();
  return inventory;
}
