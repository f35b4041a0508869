// The zod schema of every channel's params: the one place request shapes are defined and checked.
import { z } from 'zod';
import { IMAGE_SORTS, VULN_SORTS } from '../services/list-sort';
import { publishSchema } from './publish-schema';
import { collectionSchemas } from './collection-schemas';

/** Feed files uploaded through the browser (a zipped OSV ecosystem is tens of MB). */
export const MAX_UPLOAD_BASE64 = Math.ceil((200 * 1024 * 1024 * 4) / 3);

const pageParams = z
  .object({
    page: z.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.number().int().min(1).max(500).default(50),
    search: z.string().max(200).optional(),
  })
  .strict();

const ruleKind = z.enum(['ci', 'deployed', 'host']);

export const paramSchemas = {
  ...collectionSchemas,
  'system:version': z.object({}).strict(),
  'dashboard:get': z.object({}).strict(),
  'images:list': pageParams
    .extend({ sort: z.enum(IMAGE_SORTS).default('name'), desc: z.boolean().default(false) })
    .strict(),
  'containers:list': pageParams
    .extend({ state: z.enum(['all', 'running', 'stopped']).default('all') })
    .strict(),
  'events:recent': z.object({ limit: z.number().int().min(1).max(1000).default(50) }).strict(),
  'scans:list': pageParams.extend({ kind: z.enum(['deployed', 'ci', 'host']).optional() }).strict(),
  'scans:get': z.object({ id: z.number().int().min(1) }).strict(),
  'scans:vulns': pageParams
    .extend({
      id: z.number().int().min(1),
      severity: z.enum(['critical', 'high', 'medium', 'low', 'negligible', 'unknown']).optional(),
      /** Only findings carrying this tag (by name). */
      tag: z.string().min(1).max(100).optional(),
      fixable: z.boolean().optional(),
      inherited: z.boolean().optional(),
      sort: z.enum(VULN_SORTS).default('severity'),
      desc: z.boolean().default(false),
    })
    .strict(),
  'scans:packages': pageParams.extend({ id: z.number().int().min(1) }).strict(),
  'feeds:list': z.object({}).strict(),
  'customVulns:list': z.object({}).strict(),
  'customVulns:save': z
    .object({
      entries: z
        .array(
          z
            .object({
              id: z.string().min(1).max(100),
              ecosystem: z.string().min(1).max(100),
              package: z.string().min(1).max(300),
              range: z.string().min(1).max(400),
              severity: z.enum(['critical', 'high', 'medium', 'low', 'negligible', 'unknown']),
              description: z.string().max(4000).optional(),
              fixedIn: z.string().max(100).optional(),
            })
            .strict(),
        )
        .max(10_000),
    })
    .strict(),
  'feeds:upload': z
    .object({
      fileName: z.string().min(1).max(255),
      contentBase64: z.string().max(MAX_UPLOAD_BASE64),
    })
    .strict(),
  'malware:list': z.object({}).strict(),
  'malware:upload': z
    .object({
      fileName: z.string().min(1).max(255),
      contentBase64: z.string().max(Math.ceil((50 * 1024 * 1024 * 4) / 3)),
    })
    .strict(),
  'malware:delete': z.object({ name: z.string().min(1).max(255) }).strict(),
  'malware:clamscan': z.object({ enabled: z.boolean().optional() }).strict(),
  'compliance:containers': z.object({}).strict(),
  'compliance:container': z.object({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/) }).strict(),
  'compliance:host': z.object({}).strict(),
  'compliance:catalog': z.object({}).strict(),
  'feeds:importPath': z.object({ path: z.string().min(1).max(4096) }).strict(),
  'feeds:update': z.object({ mirror: z.string().trim().min(1).max(4096) }).strict(),
  'scans:compliance': z.object({ id: z.number().int().min(1) }).strict(),
  'scans:fixes': z.object({ id: z.number().int().min(1) }).strict(),
  'ci:policy': z
    .object({
      image: z.string().max(1000).default(''),
      /** The machine running the scan, for collections that narrow hosts. */
      host: z.string().max(255).optional(),
    })
    .strict(),
  'ci:rules': z.object({}).strict(),
  'ci:settings': z.object({ keepResults: z.boolean().optional() }).strict(),
  'ci:setRules': z.object({ rules: z.unknown() }).strict(),
  'ci:publish': publishSchema,
  'hosts:scan': z.object({}).strict(),
  'images:scan': z.object({ ref: z.string().min(1).max(300) }).strict(),
  'runtime:status': z.object({}).strict(),
  'runtime:settings': z
    .object({
      learningSeconds: z
        .number()
        .min(0)
        .max(30 * 24 * 3600)
        .optional(),
      archiveDeleteSeconds: z
        .number()
        .min(0)
        .max(365 * 24 * 3600)
        .optional(),
    })
    .strict(),
  'models:list': pageParams.extend({ state: z.enum(['learning', 'active', 'archived']).optional() }).strict(),
  'models:get': z.object({ id: z.string().min(1).max(300) }).strict(),
  'models:relearn': z
    .object({ image: z.string().min(1).max(300), action: z.enum(['start', 'stop']) })
    .strict(),
  'models:setLearning': z
    .object({
      image: z.string().min(1).max(300),
      seconds: z
        .number()
        .min(0)
        .max(30 * 24 * 3600)
        .nullable(),
    })
    .strict(),
  'radar:get': z.object({ windowHours: z.number().int().min(1).max(720).optional() }).strict(),
  'audits:list': pageParams
    .extend({
      kind: z.enum(['process', 'listen', 'outbound', 'dns', 'file-system']).optional(),
      image: z.string().max(300).optional(),
    })
    .strict(),
  'vulnRules:list': z.object({ kind: ruleKind }).strict(),
  'vulnRules:set': z.object({ kind: ruleKind, rules: z.unknown() }).strict(),
  'complianceRules:list': z.object({ kind: ruleKind }).strict(),
  'complianceRules:set': z.object({ kind: ruleKind, rules: z.unknown() }).strict(),
  'baseImages:list': z.object({}).strict(),
  'baseImages:add': z
    .object({ ref: z.string().min(1).max(300).optional(), scanId: z.number().int().min(1).optional() })
    .strict()
    .refine((p) => (p.ref === undefined) !== (p.scanId === undefined), {
      message: 'give either ref (an image in the daemon) or scanId (a scanned image), not both',
    }),
  'baseImages:remove': z.object({ id: z.number().int().min(1) }).strict(),
  'system:info': z.object({}).strict(),
  'system:backup': z.object({}).strict(),
} as const;

export type ParamSchemas = typeof paramSchemas;
