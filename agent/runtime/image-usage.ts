// Which images containers (running or stopped) use: what decides whether a model is archived.
import type Docker from 'dockerode';
import type { ImageUse } from './model-lifecycle';

/** Container actions after which the set of images in use may differ. */
export const IMAGE_USE_ACTIONS: ReadonlySet<string> = new Set(['create', 'destroy']);

/** Image id → the newest container using it. */
export function imageUse(
  containers: Array<Pick<Docker.ContainerInfo, 'Id' | 'ImageID' | 'Created'>>,
): ImageUse {
  const out = new Map<string, string>();
  for (const c of [...containers].sort((a, b) => a.Created - b.Created)) out.set(c.ImageID, c.Id);
  return out;
}
