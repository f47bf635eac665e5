import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalKey } from '../../../src/ipc/contracts/inventory';
import { Button } from '../../components/button';
import { Field, Input } from '../../components/field';
import { notify } from '../../components/toast';
import { useErrorText } from '../../lib/errors';
import { useLocalKeysStore } from './local-keys-store';

/** One encrypted key whose public part is hidden: its passphrase goes to main, never back. */
function UnlockForm({ path }: { path: string }) {
  const { t } = useTranslation('local-keys');
  const errorText = useErrorText();
  const unlock = useLocalKeysStore((state) => state.unlock);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) return;
    setBusy(true);
    setError(null);
    try {
      await unlock(path, passphrase);
      notify({ tone: 'success', title: t('unlocked', { path }) });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      // The typed passphrase is not kept in the window once main has it (or refused it).
      setPassphrase('');
      setBusy(false);
    }
  };

  return (
    <form className="local-key-unlock" onSubmit={(event) => void submit(event)}>
      <Field label={t('passphraseLabel', { path })} error={error}>
        {(control) => (
          <Input
            {...control}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
          />
        )}
      </Field>
      <Button type="submit" size="sm" variant="primary" busy={busy} disabled={!passphrase}>
        {t('unlock')}
      </Button>
    </form>
  );
}

/** Encrypted keys that need their passphrase to match, each with a field to give it. */
export function LockedKeys({ keys, total }: { keys: readonly LocalKey[]; total: number }) {
  const { t } = useTranslation('local-keys');
  if (!total) return null;
  return (
    <div className="local-key-locked" data-testid="needs-passphrase">
      <p>{t('needsPassphrase', { count: total })}</p>
      <p className="local-key-hint">{t('passphraseHint')}</p>
      <ul className="local-key-locked-list">
        {keys.map((key) => (
          <li key={key.path}>
            <UnlockForm path={key.path} />
          </li>
        ))}
      </ul>
    </div>
  );
}
