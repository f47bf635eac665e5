import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { blockersOf, useNewKeyStore, useRegion } from './new-key-store';

/** What keeps the submit button disabled, as locale keys; re-renders only when the list changes. */
export function useSubmitBlockers(): string[] {
  const region = useRegion();
  return useNewKeyStore(useShallow((state) => blockersOf(state, region)));
}

/** The submit button, and while it is disabled, the list of what is missing (as on Convert). */
export function SubmitRow({ children }: { children: ReactNode }) {
  const { t } = useTranslation('new-key');
  const blockers = useSubmitBlockers();
  const busy = useNewKeyStore((state) => state.busy);
  return (
    <>
      {blockers.length > 0 ? (
        <ul className="new-key-blockers" data-testid="new-key-blockers">
          {blockers.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      ) : null}
      <div className="new-key-actions">
        <Button type="submit" variant="primary" disabled={blockers.length > 0 || busy} busy={busy}>
          {children}
        </Button>
      </div>
    </>
  );
}
