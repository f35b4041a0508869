// Feed importers in detection order: the more specific formats first, since an NVD record also has
// "id" and "affected" keys that the OSV check looks for.
import { alpineSecdbImporter } from './alpine-secdb';
import { customImporter } from './custom';
import { debianTrackerImporter } from './debian-tracker';
import { nvdImporter } from './nvd';
import { osvImporter } from './osv';
import type { FeedImporter } from './types';

export const feedImporters: readonly FeedImporter[] = [
  nvdImporter,
  alpineSecdbImporter,
  debianTrackerImporter,
  customImporter,
  osvImporter,
];

export function importerByName(name: string): FeedImporter | undefined {
  return feedImporters.find((i) => i.name === name);
}

export function detectImporter(name: string, firstBytes: Buffer): FeedImporter | undefined {
  return feedImporters.find((i) => i.detect(name, firstBytes));
}
