// `moat models`: the running console's container models, and manual relearning, for SSH-only users.
import { parseArgs } from 'node:util';
import type { ModelSummaryDto } from '../../contract/index';
import type { Command } from '../command';
import { UsageError } from '../command';
import { dataDir } from '../../paths';
import { resolveConsoleTarget } from '../console-file';
import { invokeConsole } from '../image-scan/console-client';
import { textTable } from '../text-table';

const USAGE = `moat models [list] [--json] [--state learning|active|archived]
moat models relearn <image> start|stop
moat models learning <image> <seconds>|default

  learning             this model's own learning period in seconds, or "default" for the global setting

  <image>              image name (moat-test/busybox:latest) or id (sha256:… or a prefix)
  --address URL        the console (default: the one \`moat serve\` registered in $MOAT_HOME/console.json)
  --token T            its access token`;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  state: { type: 'string' },
  address: { type: 'string' },
  token: { type: 'string' },
} as const;

export const modelsCommand: Command = {
  name: 'models',
  summary: "list the running console's container models; start or stop manual relearning",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
    const [sub = 'list', ...rest] = positionals;
    const target = resolveConsoleTarget(values, dataDir());
    if (sub === 'list') {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
      const state = values.state;
      if (state !== undefined && state !== 'learning' && state !== 'active' && state !== 'archived')
        throw new UsageError(`--state must be learning, active or archived, got "${state}"`);
      const page = await invokeConsole(target, 'models:list', {
        pageSize: 500,
        ...(state ? { state } : {}),
      });
      if (values.json) {
        io.stdout.write(JSON.stringify(page.items, null, 2) + '\n');
        return 0;
      }
      if (page.items.length === 0) {
        io.stdout.write('No container models yet (they are created when a container starts).\n');
        return 0;
      }
      const rows = page.items.map((m) => [
        m.image,
        m.id.replace(/^sha256:/, '').slice(0, 12),
        m.state + (m.manual ? ' (manual)' : ''),
        learningCell(m),
        String(m.counts.processes),
        String(m.counts.listening + m.counts.outbound + m.counts.dns),
        String(m.counts.fileDirs),
      ]);
      io.stdout.write(
        textTable(['Image', 'Id', 'State', 'Learning', 'Processes', 'Network', 'File dirs'], rows) + '\n',
      );
      if (page.total > page.items.length) io.stdout.write(`(${page.items.length} of ${page.total} shown)\n`);
      return 0;
    }
    if (sub === 'relearn') {
      const [image, action, extra] = rest;
      if (!image) throw new UsageError('moat models relearn needs an image');
      if (action !== 'start' && action !== 'stop')
        throw new UsageError(`moat models relearn ${image}: say start or stop, got "${action ?? ''}"`);
      if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
      const m = await invokeConsole(target, 'models:relearn', { image, action });
      if (values.json) io.stdout.write(JSON.stringify(m, null, 2) + '\n');
      else
        io.stdout.write(
          action === 'start'
            ? `Manual learning started for ${m.image}; it runs until "moat models relearn ${image} stop".\n`
            : `Learning stopped for ${m.image}; the model is ${m.state}.\n`,
        );
      return 0;
    }
    if (sub === 'learning') {
      const [image, value, extra] = rest;
      if (!image) throw new UsageError('moat models learning needs an image');
      if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
      const seconds = parseSeconds(value);
      const m = await invokeConsole(target, 'models:setLearning', { image, seconds });
      if (values.json) io.stdout.write(JSON.stringify(m, null, 2) + '\n');
      else
        io.stdout.write(
          seconds === null
            ? `${m.image} now follows the global learning period (${m.learningSeconds} s); it is ${m.state}.\n`
            : `${m.image} now learns for ${m.learningSeconds} s; it is ${m.state}.\n`,
        );
      return 0;
    }
    throw new UsageError(`unknown sub-command "models ${sub}"`);
  },
};

/** "default" → null (the global period); otherwise whole seconds up to 30 days. */
function parseSeconds(value: string | undefined): number | null {
  if (value === 'default') return null;
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 30 * 24 * 3600)
    throw new UsageError(
      `moat models learning: give whole seconds (0 to 2592000) or "default", got "${value ?? ''}"`,
    );
  return n;
}

function learningCell(m: ModelSummaryDto): string {
  const own = m.ownLearningSeconds !== undefined ? ` (own ${m.ownLearningSeconds} s)` : '';
  if (m.learningEndsAt) return `until ${m.learningEndsAt}${own}`;
  if (m.deleteAt) return `deleted after ${m.deleteAt}`;
  return own.trim();
}
