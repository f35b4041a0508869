// Custom advisories on packages of moat-test/alpine-apk (Alpine 3.10), so the base image has findings of its own.
export const ALPINE_ADVISORIES = [
  {
    id: 'MOAT-TEST-MUSL-1',
    ecosystem: 'Alpine:v3.10',
    package: 'musl',
    range: '<1.1.23-r2',
    severity: 'high' as const,
    fixedIn: '1.1.23-r2',
    description: 'test advisory on the base image musl',
  },
  {
    id: 'MOAT-TEST-LIBCRYPTO-1',
    ecosystem: 'Alpine:v3.10',
    package: 'libcrypto1.1',
    range: '<1.1.1d-r3',
    severity: 'medium' as const,
    fixedIn: '1.1.1d-r3',
    description: 'test advisory on the base image libcrypto',
  },
];
