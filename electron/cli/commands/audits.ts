// `moat audits`: container audits of the running console, newest last; --follow streams new ones live.
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import type { AuditDto } from '../../contract/index';
import type { CliIo, Command } from '../command';
import { UsageError } from '../command';
import { dataDir } from '../../paths';
import { resolveConsoleTarget } from '../console-file';
import { invokeConsole, type ConsoleTarget } from '../image-scan/console-client';

const KINDS = ['process', 'listen', 'outbound', 'dns', 'file-system'] as const;
type Kind = (typeof KINDS)[number];

const USAGE = `moat audits [--follow] [--json] [--kind ${KINDS.join('|')}] [--search TEXT] [--limit N]

  --follow             keep running and print new audits as the console records them (Ctrl+C stops)
  --json               one JSON object per line (JSON Lines)
  --address URL        the console (default: the one \`moat serve\` registered in $MOAT_HOME/console.json)
  --token T            its access token`;

export const auditsCommand: Command = {
  name: 'audits',
  summary: "print the running console's container audits (--follow for live)",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        follow: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        kind: { type: 'string' },
        search: { type: 'string' },
        limit: { type: 'string', default: '50' },
        address: { type: 'string' },
        token: { type: 'string' },
      },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const kind = values.kind as Kind | undefined;
    if (kind !== undefined && !KINDS.includes(kind))
      throw new UsageError(`--kind must be one of ${KINDS.join(', ')}, got "${kind}"`);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new UsageError(`--limit must be 1–500, got "${values.limit}"`);
    const target = resolveConsoleTarget(values, dataDir());
    const filter = { ...(kind ? { kind } : {}), ...(values.search ? { search: values.search } : {}) };
    const print = (a: AuditDto): void => {
      io.stdout.write(values.json ? JSON.stringify(a) + '\n' : auditLine(a) + '\n');
    };
    // Subscribed before listing so nothing recorded in between is missed; ids printed once.
    const seen = new Map<number, number>();
    const show = (a: AuditDto): void => {
      if (!matches(a, kind, values.search) || seen.get(a.id) === a.count) return;
      seen.set(a.id, a.count);
      print(a);
    };
    const live = values.follow ? await followAudits(target, show) : undefined;
    const page = await invokeConsole(target, 'audits:list', { pageSize: limit, ...filter });
    for (const a of [...page.items].reverse()) show(a);
    if (!live) {
      if (!values.json && page.items.length === 0) io.stdout.write('No container audits.\n');
      return 0;
    }
    return waitForStop(io, live);
  },
};

function matches(a: AuditDto, kind: Kind | undefined, search: string | undefined): boolean {
  if (kind && a.kind !== kind) return false;
  if (!search) return true;
  const n = search.toLowerCase();
  return [a.what, a.container, a.image, a.process, a.rule].some((f) => f.toLowerCase().includes(n));
}

export function auditLine(a: AuditDto): string {
  const count = a.count > 1 ? ` ×${a.count}` : '';
  return `${a.lastSeen}  ${a.kind.padEnd(11)} ${a.what}  (${a.process} in ${a.container.slice(0, 12)}, ${a.image}; ${a.rule})${count}`;
}

/** Opens the console's event socket; resolves once connected. */
function followAudits(target: ConsoleTarget, onAudit: (a: AuditDto) => void): Promise<WebSocket> {
  const url = new URL('/api/events', target.address);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${target.token}` } });
  ws.on('message', (data: WebSocket.RawData) => {
    const msg = JSON.parse(data.toString()) as { topic: string; payload: unknown };
    if (msg.topic === 'audit:new') (msg.payload as AuditDto[]).forEach(onAudit);
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', (err) => reject(new Error(`cannot follow audits at ${url.href}: ${err.message}`)));
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`console at ${target.address} refused the event socket: HTTP ${res.statusCode}`)),
    );
  });
}

/** 0 when the user stops it, 1 when the console goes away. */
function waitForStop(io: CliIo, ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    const stop = (): void => {
      ws.removeAllListeners('close');
      ws.close();
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    ws.once('close', () => {
      io.stderr.write('moat audits: the console closed the connection\n');
      resolve(1);
    });
  });
}
