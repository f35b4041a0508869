// `npm run test:images`: builds or reuses the test images and prints where their tarballs are.
import { ensureTestImages } from './test-images';

const images = ensureTestImages();
for (const [key, img] of Object.entries(images)) {
  process.stdout.write(`${key.padEnd(14)} ${img.ref.padEnd(30)} ${img.id.slice(0, 19)}  ${img.archive}\n`);
}
