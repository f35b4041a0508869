// Pure mapping: Docker Engine image inspect + history JSON -> ImageMeta.
import type { HistoryEntry, ImageMeta } from './types';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/**
 * `history` is the daemon's /images/{name}/history answer (newest first). It does not say which
 * steps made a layer; a step with Size 0 is taken as empty only when that accounts for every layer,
 * otherwise createdBy stays unknown until the saved config is seen (docker-daemon refines it).
 */
export function metaFromInspect(inspect: unknown, history: unknown): ImageMeta {
  const i = obj(inspect);
  const c = obj(i.Config);
  const rootfs = obj(i.RootFS);
  const diffIds = (Array.isArray(rootfs.Layers) ? strs(rootfs.Layers) : []).filter((x) =>
    /^sha256:[0-9a-f]{64}$/.test(x),
  );
  const hc = obj(c.Healthcheck);
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(c.Labels))) if (typeof v === 'string') labels[k] = v;
  return {
    repoTags: strs(i.RepoTags).filter((t) => t !== '<none>:<none>'),
    repoDigests: strs(i.RepoDigests),
    architecture: str(i.Architecture),
    os: str(i.Os),
    ...(str(i.Variant) ? { variant: str(i.Variant) } : {}),
    ...(str(i.Created) ? { created: str(i.Created) } : {}),
    user: str(c.User),
    env: strs(c.Env),
    entrypoint: strs(c.Entrypoint),
    cmd: strs(c.Cmd),
    workingDir: str(c.WorkingDir),
    exposedPorts: Object.keys(obj(c.ExposedPorts)),
    labels,
    ...(Array.isArray(hc.Test)
      ? {
          healthcheck: {
            test: strs(hc.Test),
            interval: num(hc.Interval),
            timeout: num(hc.Timeout),
            retries: num(hc.Retries),
          },
        }
      : {}),
    history: historyFrom(history, diffIds.length),
    diffIds,
  };
}

function historyFrom(history: unknown, layers: number): HistoryEntry[] {
  const rows = (Array.isArray(history) ? history : []).map(obj).reverse();
  const sized = rows.filter((r) => (num(r.Size) ?? 0) > 0).length;
  const exact = sized === layers;
  return rows.map((r) => {
    const created = num(r.Created);
    return {
      ...(created !== undefined ? { created: new Date(created * 1000).toISOString() } : {}),
      createdBy: str(r.CreatedBy),
      // When sizes do not line up, mark every step empty: layerCreatedBy then yields "" per layer.
      emptyLayer: exact ? (num(r.Size) ?? 0) === 0 : true,
      ...(str(r.Comment) ? { comment: str(r.Comment) } : {}),
    };
  });
}
