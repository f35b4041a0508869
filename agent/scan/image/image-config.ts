// Pure parser: image config JSON (Docker / OCI) -> ImageMeta, and history -> per-layer createdBy.
import { z } from 'zod';
import { ImageInputError, type ImageMeta } from './types';

const strList = z.array(z.string()).nullish();
const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected a sha256 digest');

const configSchema = z.object({
  architecture: z.string().default(''),
  os: z.string().default(''),
  variant: z.string().optional(),
  created: z.string().optional(),
  config: z
    .object({
      User: z.string().nullish(),
      Env: strList,
      Entrypoint: strList,
      Cmd: strList,
      WorkingDir: z.string().nullish(),
      ExposedPorts: z.record(z.string(), z.unknown()).nullish(),
      Labels: z.record(z.string(), z.string()).nullish(),
      Healthcheck: z
        .object({
          Test: strList,
          Interval: z.number().optional(),
          Timeout: z.number().optional(),
          Retries: z.number().optional(),
        })
        .nullish(),
    })
    .nullish(),
  history: z
    .array(
      z.object({
        created: z.string().optional(),
        created_by: z.string().optional(),
        empty_layer: z.boolean().optional(),
        comment: z.string().optional(),
      }),
    )
    .nullish(),
  rootfs: z.object({ type: z.string(), diff_ids: z.array(digest) }),
});

/** Parse config bytes; `input` names the file for errors. */
export function parseImageConfig(bytes: Buffer | string, input: string): ImageMeta {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString());
  } catch (e) {
    throw new ImageInputError(
      `${input}: image config is not JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ImageInputError(`${input}: not a valid image config: ${why}`);
  }
  const c = parsed.data;
  const cfg = c.config ?? {};
  const hc = cfg.Healthcheck;
  return {
    repoTags: [],
    repoDigests: [],
    architecture: c.architecture,
    os: c.os,
    ...(c.variant ? { variant: c.variant } : {}),
    ...(c.created ? { created: c.created } : {}),
    user: cfg.User ?? '',
    env: cfg.Env ?? [],
    entrypoint: cfg.Entrypoint ?? [],
    cmd: cfg.Cmd ?? [],
    workingDir: cfg.WorkingDir ?? '',
    exposedPorts: Object.keys(cfg.ExposedPorts ?? {}),
    labels: cfg.Labels ?? {},
    ...(hc?.Test
      ? { healthcheck: { test: hc.Test, interval: hc.Interval, timeout: hc.Timeout, retries: hc.Retries } }
      : {}),
    history: (c.history ?? []).map((h) => ({
      ...(h.created ? { created: h.created } : {}),
      createdBy: h.created_by ?? '',
      emptyLayer: h.empty_layer ?? false,
      ...(h.comment ? { comment: h.comment } : {}),
    })),
    diffIds: c.rootfs.diff_ids,
  };
}

/**
 * createdBy for each layer: the non-empty history entries map to the layers in order.
 * When the history does not account for every layer (hand-made images) the rest get "".
 */
export function layerCreatedBy(meta: ImageMeta): string[] {
  const steps = meta.history.filter((h) => !h.emptyLayer).map((h) => h.createdBy);
  return meta.diffIds.map((_, i) => steps[i] ?? '');
}
