// The shipped catalog (resources/compliance/checks.json) and templates, validated on load.
import { z } from 'zod';
import checksJson from '../../resources/compliance/checks.json';
import templatesJson from '../../resources/compliance/templates.json';
import type { CatalogEntry } from './types';

const entrySchema = z.object({
  id: z.number().int().positive(),
  title: z.string().min(1),
  description: z.string().min(1),
  kind: z.enum(['image', 'container', 'host', 'daemon']),
  severity: z.enum(['critical', 'high', 'medium', 'low']),
  remediation: z.string().min(1),
  templates: z.array(z.string()),
});

const templateSchema = z.object({
  id: z.string().regex(/^[a-z0-9.-]+$/),
  name: z.string().min(1),
  version: z.string().min(1),
  controls: z.array(
    z.object({
      control: z.string().min(1),
      title: z.string().min(1),
      checks: z.array(z.number().int()).min(1),
    }),
  ),
  notCheckable: z.array(
    z.object({ control: z.string().min(1), title: z.string().min(1), reason: z.string().min(1) }),
  ),
});

export type Template = z.infer<typeof templateSchema>;

/** User custom checks and Moat's own checks share the 9000+ range; built-ins stay below this. */
export const FIRST_USER_CHECK_ID = 9100;

export function parseCatalog(doc: unknown, input: string): CatalogEntry[] {
  const r = z.object({ checks: z.array(entrySchema) }).safeParse(doc);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${input}: invalid check catalog at ${i.path.join('.')}: ${i.message}`);
  }
  const seen = new Set<number>();
  for (const c of r.data.checks) {
    if (seen.has(c.id)) throw new Error(`${input}: check id ${c.id} appears more than once`);
    seen.add(c.id);
  }
  return r.data.checks;
}

export function parseTemplates(doc: unknown, input: string, catalog: readonly CatalogEntry[]): Template[] {
  const r = z.object({ templates: z.array(templateSchema) }).safeParse(doc);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${input}: invalid templates at ${i.path.join('.')}: ${i.message}`);
  }
  const ids = new Set(catalog.map((c) => c.id));
  const names = new Set<string>();
  for (const t of r.data.templates) {
    if (names.has(t.id)) throw new Error(`${input}: template id ${t.id} appears more than once`);
    names.add(t.id);
    for (const ctl of t.controls)
      for (const id of ctl.checks)
        if (!ids.has(id))
          throw new Error(`${input}: template ${t.id} control ${ctl.control} names unknown check ${id}`);
  }
  return r.data.templates;
}

export const catalog: readonly CatalogEntry[] = parseCatalog(checksJson, 'resources/compliance/checks.json');
export const templates: readonly Template[] = parseTemplates(
  templatesJson,
  'resources/compliance/templates.json',
  catalog,
);

export function catalogEntry(id: number): CatalogEntry | undefined {
  return catalog.find((c) => c.id === id);
}

/** Check ids of a template (unique, catalog order), or an error naming the unknown template. */
export function templateCheckIds(templateId: string): number[] {
  const t = templates.find((x) => x.id === templateId);
  if (!t)
    throw new Error(
      `unknown compliance template "${templateId}" (known: ${templates.map((x) => x.id).join(', ')})`,
    );
  const wanted = new Set(t.controls.flatMap((c) => c.checks));
  return catalog.filter((c) => wanted.has(c.id)).map((c) => c.id);
}
