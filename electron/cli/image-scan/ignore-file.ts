// --ignore-file: one exception per line, `ID [package=NAME] [expires=YYYY-MM-DD] [# reason]`, or a JSON array of the same.
import type { VulnException } from '../../../agent/policy/vuln-rule';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9*][A-Za-z0-9._:*-]{0,99}$/;

export function parseIgnoreFile(text: string, file: string): VulnException[] {
  if (text.trimStart().startsWith('[')) return parseJson(text, file);
  const out: VulnException[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const where = `${file}:${i + 1}`;
    const hash = raw.indexOf('#');
    const reason = hash >= 0 ? raw.slice(hash + 1).trim() : undefined;
    const [id, ...rest] = (hash >= 0 ? raw.slice(0, hash) : raw).trim().split(/\s+/).filter(Boolean);
    if (!id) return;
    const e: VulnException = { id: checkId(id, where), ...(reason ? { reason } : {}) };
    for (const kv of rest) {
      const [k, v] = kv.split('=', 2);
      if (k === 'package' && v) e.package = v;
      else if (k === 'expires' && v && DATE.test(v) && !Number.isNaN(Date.parse(v))) e.expires = v;
      else throw new Error(`${where}: "${kv}" is not package=NAME or expires=YYYY-MM-DD`);
    }
    if (e.id === '*' && !e.package) throw new Error(`${where}: "*" needs package=NAME`);
    out.push(e);
  });
  return out;
}

function checkId(id: string, where: string): string {
  if (!ID.test(id)) throw new Error(`${where}: "${id.slice(0, 40)}" is not a vulnerability id`);
  return id;
}

function parseJson(text: string, file: string): VulnException[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) throw new Error(`${file}: expected an array of exceptions`);
  return data.map((e: unknown, i) => {
    const where = `${file}[${i}]`;
    const o = e as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o.id !== 'string')
      throw new Error(`${where}: needs an "id" string`);
    const ex: VulnException = { id: checkId(o.id, where) };
    if (o.package !== undefined) {
      if (typeof o.package !== 'string') throw new Error(`${where}: "package" must be a string`);
      ex.package = o.package;
    }
    if (o.expires !== undefined) {
      if (typeof o.expires !== 'string' || !DATE.test(o.expires))
        throw new Error(`${where}: "expires" must be YYYY-MM-DD`);
      ex.expires = o.expires;
    }
    if (typeof o.reason === 'string') ex.reason = o.reason;
    return ex;
  });
}
