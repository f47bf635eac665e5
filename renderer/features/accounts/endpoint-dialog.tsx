import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummaryDto } from '../../../src/ipc/contracts/accounts';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Field, Input } from '../../components/field';
import { Notice } from '../../components/notice';
import { useErrorText } from '../../lib/errors';
import { useAccountsStore } from './accounts-store';

/** Sets or clears an account's endpoint override (LocalStack, a VPC endpoint, any EC2-compatible service). */
export function EndpointDialog({ account, onClose }: { account: AccountSummaryDto; onClose: () => void }) {
  const { t } = useTranslation('accounts');
  const errorText = useErrorText();
  const setAccountEndpoint = useAccountsStore((state) => state.setEndpoint);
  const [endpoint, setEndpoint] = useState(account.endpoint ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async (value: string | null) => {
    setBusy(true);
    try {
      await setAccountEndpoint(account.id, value);
      onClose();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('endpoint.title', { account: account.label })}
      description={t('endpoint.explain')}
      footer={
        <>
          <Button variant="secondary" disabled={busy} onClick={() => void save(null)}>
            {t('endpoint.clear')}
          </Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={endpoint.trim() === ''}
            onClick={() => void save(endpoint.trim())}
          >
            {t('endpoint.save')}
          </Button>
        </>
      }
    >
      <Field label={t('endpoint.label')} hint={t('endpoint.hint')}>
        {(control) => (
          <Input
            {...control}
            value={endpoint}
            onChange={(event) => setEndpoint(event.target.value)}
            spellCheck={false}
            placeholder="http://localhost:4566"
          />
        )}
      </Field>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
    </Dialog>
  );
}
