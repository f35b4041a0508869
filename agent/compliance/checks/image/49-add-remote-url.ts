// CIS 4.9: ADD fetching a URL pulls unverified content at build time; use COPY (or a checked download).
import { failIfAny, notApplicable, type ComplianceCheck } from '../../types';

const ADD_URL = /\bADD\s+(?:--\S+\s+)*(?:https?|ftp):\/\/\S+/i;

export const addRemoteUrl: ComplianceCheck<'image'> = {
  id: 49,
  kind: 'image',
  evaluate({ inventory }) {
    const history = inventory.image.history;
    if (history.length === 0) return notApplicable('the image has no build history to inspect');
    const found = history
      .map((h, i) => ({ i, m: ADD_URL.exec(h.createdBy) }))
      .filter((x) => x.m !== null)
      .map((x) => `history ${x.i}: ${x.m?.[0] ?? ''}`);
    return failIfAny(found, `${history.length} history entries have no ADD of a remote URL`);
  },
};
