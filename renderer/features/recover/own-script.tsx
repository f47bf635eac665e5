import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { CopyButton } from '../../components/copy-button';
import { Field, TextArea } from '../../components/field';
import { Notice } from '../../components/notice';
import { useErrorText } from '../../lib/errors';
import { targetUserOf } from './recover-rules';
import { useRecoverStore } from './recover-store';

/**
 * For users who run the change themselves (EC2 Serial Console, their own tooling): the exact
 * script KeyRescue would run, for the target user and a public key they paste, with a copy button.
 */
export function OwnScript({ open }: { open: boolean }) {
  const { t } = useTranslation('recover');
  const errorText = useErrorText();
  const { draft, preflight, script, error, loadScript } = useRecoverStore(
    useShallow((state) => ({
      draft: state.draft,
      preflight: state.preflight,
      script: state.script,
      error: state.scriptError,
      loadScript: state.loadScript,
    })),
  );
  const [publicKey, setPublicKey] = useState('');
  const user = targetUserOf(draft, preflight);
  const current = script && script.for === `${user}\n${publicKey.trim()}` ? script.text : null;
  return (
    <details className="recover-own-script" open={open}>
      <summary>{t('script.title')}</summary>
      <div className="recover-stack">
        <p className="recover-muted">{t('script.body', { user })}</p>
        <Field label={t('script.publicKey')}>
          {(control) => (
            <TextArea
              {...control}
              mono
              rows={2}
              value={publicKey}
              placeholder="ssh-ed25519 AAAA…"
              onChange={(event) => setPublicKey(event.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
        <div className="recover-actions-row">
          <Button disabled={!publicKey.trim() || !user} onClick={() => void loadScript(user, publicKey)}>
            {t('script.show')}
          </Button>
        </div>
        {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
        {current ? (
          <>
            <pre className="recover-report" tabIndex={0} data-testid="recover-script">
              {current}
            </pre>
            <div className="recover-actions-row">
              <CopyButton text={current} label={t('script.copy')} size="md" />
            </div>
          </>
        ) : null}
      </div>
    </details>
  );
}
