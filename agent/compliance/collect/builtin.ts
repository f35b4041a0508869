// The shipped signature sets (resources/malware) and a collector factory for scans.
import { promises as fs } from 'node:fs';
import eicar from '../../../resources/malware/eicar.json';
import miners from '../../../resources/malware/miners.json';
import { ComplianceCollector } from './image-facts';
import {
  addSignatures,
  emptySignatureSet,
  parseJsonSignatures,
  parseSignatureList,
  type SignatureSet,
} from './signatures';

/** Built-in malware (EICAR) and miner hash signatures; miner entries carry "miner" in their list name. */
export function builtinSignatures(): SignatureSet {
  const set = emptySignatureSet();
  addSignatures(set, parseJsonSignatures(JSON.stringify(eicar), 'builtin:malware/eicar.json'));
  addSignatures(set, parseJsonSignatures(JSON.stringify(miners), 'builtin:malware/miners.json'));
  return set;
}

export function builtinMinerNames(): ReadonlySet<string> {
  return new Set(miners.names.map((n) => n.toLowerCase()));
}

/** Built-ins plus user lists (JSON, CSV, hash lines, ClamAV .hdb/.hsb), read from the given files. */
export async function loadSignatures(customLists: readonly string[] = []): Promise<SignatureSet> {
  const set = builtinSignatures();
  for (const file of customLists) {
    const text = await fs.readFile(file, 'utf8');
    addSignatures(set, parseSignatureList(text, file));
  }
  return set;
}

/** A fresh collector (one per scan: it holds state) to add to scanImage's analyzers and onProgress. */
export async function createComplianceCollector(
  customLists: readonly string[] = [],
): Promise<ComplianceCollector> {
  return new ComplianceCollector({
    signatures: await loadSignatures(customLists),
    minerNames: builtinMinerNames(),
  });
}
