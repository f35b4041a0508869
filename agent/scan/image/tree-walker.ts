// Feeds a directory tree (rootfs-dir) through the same collector as tar layers.
import type { Analyzer } from '../../model/analyzer';
import { LayerCollector } from './layer-collector';
import type { LayerResult, LayerTree, ScanBudget } from './types';

export async function walkTree(
  tree: LayerTree,
  opts: { analyzers: readonly Analyzer[]; budget: ScanBudget },
): Promise<LayerResult> {
  const collector = new LayerCollector(tree.name, opts.analyzers, opts.budget, false);
  for await (const e of tree.entries) {
    await collector.add(
      {
        name: e.path,
        type: e.type === 'other' ? 'device' : e.type,
        mode: e.mode,
        size: e.size,
        uid: e.uid,
        gid: e.gid,
        ...(e.linkname !== undefined ? { linkname: e.linkname } : {}),
      },
      (max) => e.read(max),
    );
  }
  for (const w of tree.warnings) collector.warn(w);
  collector.result.diffId = tree.diffId;
  return collector.result;
}
