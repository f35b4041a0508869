// The shape `moat images scan` publishes; checked at the boundary like every other request.
import { z } from 'zod';

const str = (max: number) => z.string().max(max);
const layerRef = z.object({ index: z.number().int().min(0), diffId: str(200), createdBy: str(20_000) });
const pkg = z.object({
  name: str(500),
  version: str(500),
  ecosystem: z.enum([
    'apk',
    'deb',
    'rpm',
    'npm',
    'pypi',
    'golang',
    'maven',
    'gem',
    'cargo',
    'composer',
    'nuget',
    'generic',
  ]),
  purl: str(2000),
  sourceName: str(500).optional(),
  sourceVersion: str(500).optional(),
  licenses: z.array(str(500)).max(50),
  arch: str(100).optional(),
  foundIn: str(4096),
  layer: layerRef.optional(),
});

export const publishSchema = z
  .object({
    inventory: z.object({
      image: z.object({
        id: str(200),
        ref: str(1000),
        repoTags: z.array(str(1000)).max(1000),
        repoDigests: z.array(str(1000)).max(1000),
        user: str(1000),
        env: z.array(str(100_000)).max(10_000),
        entrypoint: z.array(str(10_000)).max(1000),
        cmd: z.array(str(10_000)).max(1000),
        exposedPorts: z.array(str(100)).max(1000),
        labels: z.record(str(1000), str(100_000)),
        diffIds: z.array(str(200)).max(1000),
        architecture: str(100),
        os: str(100),
        variant: str(100).optional(),
        created: str(100).optional(),
        workingDir: str(4096),
        healthcheck: z
          .object({
            test: z.array(str(10_000)).max(100),
            interval: z.number().optional(),
            timeout: z.number().optional(),
            retries: z.number().optional(),
          })
          .optional(),
        history: z
          .array(
            z.object({
              created: str(100).optional(),
              createdBy: str(20_000),
              emptyLayer: z.boolean(),
              comment: str(10_000).optional(),
            }),
          )
          .max(1000),
      }),
      os: z
        .object({
          family: str(100),
          release: str(100),
          name: str(300).optional(),
          codename: str(100).optional(),
        })
        .nullable(),
      packages: z.array(pkg).max(500_000),
      layers: z
        .array(
          z.object({
            index: z.number().int(),
            diffId: str(200),
            createdBy: str(20_000),
            size: z.number(),
            packagesAdded: z.number().int(),
          }),
        )
        .max(1000),
      warnings: z.array(str(10_000)).max(10_000),
    }),
    compliance: z
      .array(
        z.object({
          checkId: z.number().int(),
          title: str(500),
          severity: z.enum(['critical', 'high', 'medium', 'low']),
          status: z.enum(['pass', 'fail', 'not_applicable', 'error']),
          evidence: z.array(str(10_000)).max(1000),
          reason: str(10_000).optional(),
          custom: z.boolean().optional(),
        }),
      )
      .max(10_000),
    vulnPass: z.boolean(),
    compliancePass: z.boolean(),
    host: str(255),
    user: str(255),
  })
  .strict();
