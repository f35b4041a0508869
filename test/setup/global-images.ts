// vitest globalSetup for integration and e2e: the real daemon must answer and the test images must exist.
import { ensureTestImages } from './test-images';

export default function setup(): void {
  const images = ensureTestImages();
  process.env.MOAT_TEST_IMAGES = JSON.stringify(images);
}
