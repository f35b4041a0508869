// Test images as the global setup left them (see global-images.ts).
import type { TestImages } from './test-images';

export function testImages(): TestImages {
  const raw = process.env.MOAT_TEST_IMAGES;
  if (!raw)
    throw new Error(
      'MOAT_TEST_IMAGES is not set: run this test through its vitest project (global setup builds the images)',
    );
  return JSON.parse(raw) as TestImages;
}
