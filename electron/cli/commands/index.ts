// Every `moat` sub-command, in the order `moat --help` lists them.
import type { Command } from '../command';
import { feedsCommand } from './feeds';
import { hostsCommand } from './hosts';
import { imagesCommand } from './images';
import { sbomCommand } from './sbom';
import { serveCommand } from './serve';
import { versionCommand } from './version';
import { modelsCommand } from './models';
import { auditsCommand } from './audits';
import { agentCommand } from './agent';

export const commands: readonly Command[] = [
  imagesCommand,
  hostsCommand,
  feedsCommand,
  sbomCommand,
  modelsCommand,
  auditsCommand,
  serveCommand,
  agentCommand,
  versionCommand,
];
