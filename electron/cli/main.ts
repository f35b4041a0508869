// `moat` entry: dispatches to one command, prints usage errors, maps failures to exit status 2.
import type { CliIo } from './command';
import { UsageError } from './command';
import { commands } from './commands/index';

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Moat — offline container and host security console\n\nUsage: moat <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "moat <command> --help" for a command's options.\n`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return 0;
  }
  if (name === '--version' || name === '-v') return runCli(['version'], io);
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`moat: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`Usage: ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr.write(`moat ${command.name}: ${(err as Error).message}\n`);
    if (usage) io.stderr.write(`Usage: ${command.usage}\n`);
    return 2;
  }
}
