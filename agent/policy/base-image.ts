// Base images: an image whose layers another image starts with. Findings from those layers are the base's, not the
// derived image's, so the console hides them by default and shows them as inherited on demand.

export interface BaseImageRef {
  ref: string;
  /** The base image's layer diffIDs, oldest first. */
  diffIds: readonly string[];
}

/**
 * The base an image is derived from: the declared base with the most layers whose diffIDs the image's diffIDs start
 * with. An image identical to a base is not derived from it (hiding everything would hide the base's own findings).
 */
export function baseImageOf<T extends BaseImageRef>(
  diffIds: readonly string[],
  bases: readonly T[],
): T | undefined {
  let best: T | undefined;
  for (const b of bases) {
    if (b.diffIds.length === 0 || b.diffIds.length >= diffIds.length) continue;
    if (!b.diffIds.every((d, i) => diffIds[i] === d)) continue;
    if (!best || b.diffIds.length > best.diffIds.length) best = b;
  }
  return best;
}

/** Whether a package that a scan attributes to layer `layerIndex` came from the base (an unknown layer never does). */
export function isInherited(layerIndex: number | undefined, base: BaseImageRef | undefined): boolean {
  return (
    base !== undefined && layerIndex !== undefined && layerIndex >= 0 && layerIndex < base.diffIds.length
  );
}

/** Splits rows into those the derived image introduced and those inherited from its base. */
export function splitInherited<R extends { layerIndex?: number }>(
  rows: readonly R[],
  base: BaseImageRef | undefined,
): { own: R[]; inherited: R[] } {
  const own: R[] = [];
  const inherited: R[] = [];
  for (const r of rows) (isInherited(r.layerIndex, base) ? inherited : own).push(r);
  return { own, inherited };
}
