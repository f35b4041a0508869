// File-based image checks cannot conclude from a scan whose files were not all read.
import { errored, type CheckOutcome, type ImageCheckInput } from '../../types';
import type { FileFinding } from '../../collect/image-facts';

export function incomplete(input: ImageCheckInput): CheckOutcome | null {
  return input.facts.complete ? null : errored(input.facts.incompleteReason ?? 'file facts incomplete');
}

/** "path (detail) — layer 3: COPY …", noting a file that a later layer deleted. */
export function describeFinding(f: FileFinding): string {
  const layer = f.layer ? ` — layer ${f.layer.index}: ${f.layer.createdBy || f.layer.diffId}` : '';
  const gone = f.present === false ? ' [deleted by a later layer, still in the layer blob]' : '';
  return `${f.path} (${f.detail})${layer}${gone}`;
}
