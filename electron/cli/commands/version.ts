import type { Command } from '../command';
import { moatVersion } from '../../version';

export const versionCommand: Command = {
  name: 'version',
  summary: 'print the Moat version',
  usage: 'moat version',
  async run(_args, io) {
    io.stdout.write(`moat ${moatVersion()} (node ${process.versions.node})\n`);
    return 0;
  },
};
