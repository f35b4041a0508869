// The editable copy of an ordered rule list: reset when the stored list changes, rules moved up or down in place.
import { useEffect, useState } from 'react';

export function useOrderedDraft<T>(stored: T[] | undefined): {
  draft: T[] | undefined;
  setDraft(next: T[]): void;
  move(i: number, by: -1 | 1): void;
} {
  const [draft, setDraft] = useState<T[] | undefined>();
  useEffect(() => setDraft(stored), [stored]);
  const move = (i: number, by: -1 | 1): void => {
    if (!draft) return;
    const next = draft.slice();
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setDraft(next);
  };
  return { draft, setDraft, move };
}
