// Facts about the scanned image shared by both SBOM formats: its display name and its properties.
import type { ImageInventory } from '../scan/scan-image';

export interface Property {
  name: string;
  value: string;
}

/** The first repo tag when the image has one (what users typed), else the ref it was opened by. */
export function imageName(inv: ImageInventory): string {
  return inv.image.repoTags[0] ?? inv.image.ref;
}

export function imageProperties(inv: ImageInventory): Property[] {
  const props: Property[] = [
    { name: 'moat:image:ref', value: inv.image.ref },
    { name: 'moat:image:platform', value: `${inv.image.os}/${inv.image.architecture}` },
  ];
  if (inv.image.id) props.push({ name: 'moat:image:id', value: inv.image.id });
  for (const t of inv.image.repoTags) props.push({ name: 'moat:image:repoTag', value: t });
  for (const d of inv.image.repoDigests) props.push({ name: 'moat:image:repoDigest', value: d });
  inv.layers.forEach((l) =>
    props.push({ name: `moat:image:layer:${l.index}`, value: `${l.diffId} ${l.createdBy}`.trim() }),
  );
  return props;
}
