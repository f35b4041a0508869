// `moat agent --local`: runs the runtime sensors as root and serves their events to an unprivileged console
// on a unix socket restricted to an admin group (resources/systemd/moat-agent.service runs it as a service).
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { dockerOptions } from '../../../agent/docker/endpoint';
import { LocalAgent } from '../../../agent/local/local-agent';
import { DEFAULT_GROUP, DEFAULT_SOCKET } from '../../../agent/local/protocol';
import { resourcesDir } from '../../paths';
import { moatVersion } from '../../version';
import { UsageError, type Command } from '../command';

export const agentCommand: Command = {
  name: 'agent',
  summary: 'run the runtime sensors as root for a console running as a normal user (--local)',
  usage:
    `moat agent --local [--socket ${DEFAULT_SOCKET}] [--group ${DEFAULT_GROUP}]\n\n` +
    'Runs as root. Consoles of users in the group connect to the socket (root:<group>, mode 0660).',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        local: { type: 'boolean', default: false },
        socket: { type: 'string', default: DEFAULT_SOCKET },
        group: { type: 'string', default: DEFAULT_GROUP },
      },
      strict: true,
    });
    if (!values.local) {
      throw new UsageError(
        'only local agents exist so far: pass --local (agents for other lab hosts are a later step)',
      );
    }
    if (values.socket === '' || !values.socket!.startsWith('/')) {
      throw new UsageError(`--socket must be an absolute path, got "${values.socket}"`);
    }
    if (process.getuid?.() !== 0) {
      io.stderr.write(
        'moat agent: must run as root: the sensors read every process and attach eBPF tracepoints. ' +
          `Run "sudo moat agent --local" or install the systemd unit (see the README, "Runtime defense as a normal user").\n`,
      );
      return 2;
    }
    const log = (line: string): void => void io.stdout.write(`moat agent: ${line}\n`);
    const agent = new LocalAgent({
      docker: new Docker(dockerOptions(process.env)),
      socketPath: values.socket!,
      group: values.group!,
      agent: `moat ${moatVersion()}`,
      resourcesDir: resourcesDir(),
      log,
    });
    const stopSignal = new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    try {
      await agent.start();
    } catch (err) {
      await agent.stop().catch(() => undefined);
      io.stderr.write(`moat agent: ${(err as Error).message}\n`);
      return 2;
    }
    await stopSignal;
    log('stopping');
    await agent.stop();
    return 0;
  },
};
