import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../src/ipc/events';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Field, Input } from '../../components/field';
import { api } from '../../lib/api';

type MfaRequest = EventPayload<'accounts:mfaRequired'>;

/**
 * Asks for an MFA code when main needs one to assume a profile's role (`accounts:mfaRequired`), and
 * sends it back with `accounts:mfaCode`. The code goes to main only; nothing is stored.
 */
export function MfaPrompt() {
  const { t } = useTranslation('inventory');
  const [request, setRequest] = useState<MfaRequest | null>(null);
  const [code, setCode] = useState('');

  useEffect(
    () =>
      api.on('accounts:mfaRequired', (payload) => {
        setCode('');
        setRequest(payload);
      }),
    [],
  );

  const answer = (value: string | null) => {
    if (!request) return;
    void api.invoke('accounts:mfaCode', { requestId: request.requestId, code: value }).catch(() => undefined);
    setRequest(null);
  };
  const valid = /^\d{6}$/.test(code.trim());

  return (
    <Dialog
      open={request !== null}
      onClose={() => answer(null)}
      title={t('mfa.title')}
      description={t('mfa.description', { device: request?.mfaSerial ?? '' })}
      size="sm"
      footer={
        <>
          <Button variant="secondary" onClick={() => answer(null)}>
            {t('mfa.cancel')}
          </Button>
          <Button variant="primary" disabled={!valid} onClick={() => answer(code.trim())}>
            {t('mfa.submit')}
          </Button>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) answer(code.trim());
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
