import { useCallback, useState } from 'react';
import { usePos } from './pos-context';

/**
 * A sale in progress (a cart, a party being bound, tenders being typed) kept in this screen's
 * local storage, per cashier, until it is paid or discarded: a reload or a renderer crash
 * brings it back as it was. Only what the cashier typed or picked is kept, never a PIN or
 * a result from main; main re-checks everything when the sale is sent.
 */
export function useDraft<T extends object>(name: string, initial: T): [T, (update: Partial<T> | ((d: T) => Partial<T>)) => void, () => void] {
  const { staff } = usePos();
  const key = `pos.draft.${staff?.id ?? 'nobody'}.${name}`;
  const [draft, setDraft] = useState<T>(() => {
    try {
      const saved = localStorage.getItem(key);
      return saved ? { ...initial, ...(JSON.parse(saved) as Partial<T>) } : initial;
    } catch {
      return initial;
    }
  });
  const update = useCallback(
    (change: Partial<T> | ((d: T) => Partial<T>)) =>
      setDraft((d) => {
        const next = { ...d, ...(typeof change === 'function' ? change(d) : change) };
        localStorage.setItem(key, JSON.stringify(next));
        return next;
      }),
    [key],
  );
  const clear = useCallback(() => {
    localStorage.removeItem(key);
    setDraft(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return [draft, update, clear];
}
