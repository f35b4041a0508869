// The image's OS release is past its end of security support (resources/compliance/eol.json).
import eol from '../../../../resources/compliance/eol.json';
import type { OsInfo } from '../../../model/package';
import { fail, notApplicable, pass, type CheckOutcome, type ComplianceCheck } from '../../types';

type Table = Record<string, Record<string, string>>;

/** Pure: the verdict for one OS at a given date. */
export function eolVerdict(os: OsInfo | null, now: Date): CheckOutcome {
  if (!os) return notApplicable('no OS release file was found in the image');
  const family = os.family.toLowerCase();
  const releases = (eol.releases as Table)[family];
  const parts = (eol.granularity as Record<string, number>)[family];
  if (!releases || !parts) return notApplicable(`no end-of-life table for OS family "${os.family}"`);
  const key = os.release.split('.').slice(0, parts).join('.');
  const date = releases[key];
  if (!date)
    return notApplicable(`${os.family} ${os.release}: release ${key} is not in the end-of-life table`);
  const label = `${os.family} ${os.release} (support ends ${date})`;
  return new Date(`${date}T23:59:59Z`) < now ? fail([`${label}: end of life`]) : pass([label]);
}

export const eolOs: ComplianceCheck<'image'> = {
  id: 9002,
  kind: 'image',
  evaluate({ inventory, now }) {
    return eolVerdict(inventory.os, now ?? new Date());
  },
};
