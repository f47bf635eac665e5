import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Field, Input } from '../../components/field';
import { subscribeAccountEvents, useAccountsStore, type MfaRequest } from './accounts-store';

/**
 * Asks for an MFA code when main needs one to assume a profile's role (`accounts:mfaRequired`), and
 * sends it back through the accounts store. The code goes to main only; nothing is stored.
 */
export function MfaPrompt() {
  const request = useAccountsStore((state) => state.mfaRequest);
  useEffect(() => subscribeAccountEvents(), []);
  // A new request starts with an empty field: the form is keyed by the request.
  return <MfaDialog key={request?.requestId ?? 'none'} request={request} />;
}

function MfaDialog({ request }: { request: MfaRequest | null }) {
  const { t } = useTranslation('accounts');
  const answerMfa = useAccountsStore((state) => state.answerMfa);
  const [code, setCode] = useState('');
  const valid = /^\d{6}$/.test(code.trim());

  return (
    <Dialog
      open={request !== null}
      onClose={() => answerMfa(null)}
      title={t('mfa.title')}
      description={t('mfa.description', { device: request?.mfaSerial ?? '' })}
      size="sm"
      footer={
        <>
          <Button variant="secondary" onClick={() => answerMfa(null)}>
            {t('mfa.cancel')}
          </Button>
          <Button variant="primary" disabled={!valid} onClick={() => answerMfa(code.trim())}>
            {t('mfa.submit')}
          </Button>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) answerMfa(code.trim());
        }}
      >
        <Field label={t('mfa.code')} hint={t('mfa.hint')}>
          {(control) => (
            <Input
              {...control}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              autoFocus
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
