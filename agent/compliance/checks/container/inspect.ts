// The parts of `docker inspect <container>` the container checks read, validated once at the boundary.
import { z } from 'zod';

const strList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);
const binding = z.object({ HostIp: z.string().nullish(), HostPort: z.string().nullish() }).passthrough();

const schema = z
  .object({
    Id: z.string(),
    Name: z.string().nullish(),
    AppArmorProfile: z.string().nullish(),
    Config: z.object({ User: z.string().nullish(), Image: z.string().nullish() }).passthrough().nullish(),
    HostConfig: z
      .object({
        Privileged: z.boolean().nullish(),
        CapAdd: strList,
        CapDrop: strList,
        Binds: strList,
        NetworkMode: z.string().nullish(),
        PidMode: z.string().nullish(),
        IpcMode: z.string().nullish(),
        UTSMode: z.string().nullish(),
        Memory: z.number().nullish(),
        NanoCpus: z.number().nullish(),
        CpuQuota: z.number().nullish(),
        CpuShares: z.number().nullish(),
        ReadonlyRootfs: z.boolean().nullish(),
        PortBindings: z.record(z.string(), z.array(binding).nullish()).nullish(),
        RestartPolicy: z
          .object({ Name: z.string().nullish(), MaximumRetryCount: z.number().nullish() })
          .nullish(),
        SecurityOpt: strList,
      })
      .passthrough(),
    Mounts: z
      .array(
        z
          .object({
            Type: z.string().nullish(),
            Source: z.string().nullish(),
            Destination: z.string().nullish(),
            RW: z.boolean().nullish(),
          })
          .passthrough(),
      )
      .nullish(),
    NetworkSettings: z
      .object({
        Ports: z.record(z.string(), z.array(binding).nullish()).nullish(),
        Networks: z.record(z.string(), z.unknown()).nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();

export type ContainerInspect = z.infer<typeof schema>;

/** Validate one inspect object (a `docker inspect` array element); the error names the input. */
export function parseInspect(raw: unknown, input: string): ContainerInspect {
  const r = schema.safeParse(Array.isArray(raw) && raw.length === 1 ? raw[0] : raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(
      `${input}: not a container inspect object (${issue.path.join('.') || 'root'}: ${issue.message})`,
    );
  }
  return r.data;
}

export function containerName(c: ContainerInspect): string {
  return (c.Name ?? '').replace(/^\//, '') || c.Id.slice(0, 12);
}

/** Every host port binding: configured (HostConfig.PortBindings) and live (NetworkSettings.Ports). */
export function portBindings(c: ContainerInspect): Array<{ port: string; hostIp: string; hostPort: string }> {
  const out = new Map<string, { port: string; hostIp: string; hostPort: string }>();
  for (const map of [c.HostConfig.PortBindings, c.NetworkSettings?.Ports]) {
    for (const [port, list] of Object.entries(map ?? {})) {
      for (const b of list ?? []) {
        const e = { port, hostIp: b.HostIp ?? '', hostPort: b.HostPort ?? '' };
        out.set(`${port}|${e.hostIp}|${e.hostPort}`, e);
      }
    }
  }
  return [...out.values()];
}

/** Security options normalised to "key=value" ("no-new-privileges" -> "no-new-privileges=true"). */
export function securityOpts(c: ContainerInspect): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of c.HostConfig.SecurityOpt) {
    const m = /^([^=:]+)[=:]?(.*)$/.exec(o);
    if (m) out.set(m[1], m[2] === '' ? 'true' : m[2]);
  }
  return out;
}
