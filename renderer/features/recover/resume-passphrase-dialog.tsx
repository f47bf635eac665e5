import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Field, Input } from '../../components/field';
import { Notice } from '../../components/notice';
import { useErrorText } from '../../lib/errors';
import { isPassphraseRefusal, useRecoveryRunStore, type UnfinishedRecovery } from './recovery-run-store';

/**
 * The key files a resume needs the passphrase of, by path (the journal's `encryptedKeys`), and the
 * user of a password login whose password it needs (the journal summary's `passwordLoginUser`).
 */
export interface EncryptedKeys {
  newKey?: string | undefined;
  loginKey?: string | undefined;
  passwordLoginUser?: string | undefined;
}

/** What a resume of this recovery asks for first, as its journal recorded it. */
export function secretsOf(recovery: UnfinishedRecovery): EncryptedKeys {
  return {
    ...recovery.encryptedKeys,
    ...(recovery.passwordLoginUser ? { passwordLoginUser: recovery.passwordLoginUser } : {}),
  };
}

export function needsSecrets(keys: EncryptedKeys): boolean {
  return Boolean(keys.newKey || keys.loginKey || keys.passwordLoginUser);
}

/** The key a refusal names, so the dialog asks for it even if the journal did not say. */
export function keysOfRefusal(error: unknown): EncryptedKeys {
  if (!isPassphraseRefusal(error)) return {};
  const { key, path, user } = error.details ?? {};
  if (key === 'loginPassword') return typeof user === 'string' ? { passwordLoginUser: user } : {};
  if (typeof path !== 'string') return {};
  return key === 'loginKey' ? { loginKey: path } : key === 'newKey' ? { newKey: path } : {};
}

export interface ResumePassphraseDialogProps {
  recoveryId: string;
  keys: EncryptedKeys;
  /** A refusal that opened the dialog (a resume without the passphrase), shown at first. */
  refusal?: unknown;
  onClose: () => void;
  /** main took the resume: the run goes on (the wizard shows it). */
  onResumed: () => void;
}

/**
 * Asks for the passphrases of a resume's encrypted key files, and the other login's password when
 * it used one, before it resumes. They go only into the `recovery:resume` call (kept in this
 * dialog's state while it is open, never in a store); a wrong one is main's refusal, shown here,
 * and the dialog stays open for another try.
 */
export function ResumePassphraseDialog(props: ResumePassphraseDialogProps) {
  const { t } = useTranslation('recover');
  const errorText = useErrorText();
  const beginResume = useRecoveryRunStore((state) => state.beginResume);
  const [keys, setKeys] = useState<EncryptedKeys>({ ...props.keys, ...keysOfRefusal(props.refusal) });
  const [newKeyPassphrase, setNewKeyPassphrase] = useState('');
  const [loginKeyPassphrase, setLoginKeyPassphrase] = useState('');
  const [loginPassword, setLoginPassword] = useState('');
  const [refusal, setRefusal] = useState<unknown>(props.refusal ?? null);
  const [busy, setBusy] = useState(false);
  const ready =
    (!keys.newKey || newKeyPassphrase !== '') &&
    (!keys.loginKey || loginKeyPassphrase !== '') &&
    (!keys.passwordLoginUser || loginPassword !== '');
  const onlyPassword = Boolean(keys.passwordLoginUser) && !keys.newKey && !keys.loginKey;

  const submit = async () => {
    if (!ready || busy) return;
    setBusy(true);
    const { passphraseRefusal } = await beginResume(props.recoveryId, {
      ...(keys.newKey ? { newKeyPassphrase } : {}),
      ...(keys.loginKey ? { loginKeyPassphrase } : {}),
      ...(keys.passwordLoginUser ? { loginPassword } : {}),
    });
    setBusy(false);
    if (passphraseRefusal) {
      setRefusal(passphraseRefusal);
      setKeys((shown) => ({ ...shown, ...keysOfRefusal(passphraseRefusal) }));
      return;
    }
    props.onResumed();
  };

  return (
    <Dialog
      open
      onClose={props.onClose}
      title={t(onlyPassword ? 'unfinished.passphrase.passwordTitle' : 'unfinished.passphrase.title')}
      description={
        onlyPassword
          ? t('unfinished.passphrase.passwordDescription', {
              id: props.recoveryId,
              user: keys.passwordLoginUser,
            })
          : t('unfinished.passphrase.description', { id: props.recoveryId })
      }
      size="sm"
      footer={
        <>
          <Button variant="secondary" onClick={props.onClose}>
            {t('unfinished.passphrase.cancel')}
          </Button>
          <Button variant="primary" disabled={!ready} busy={busy} onClick={() => void submit()}>
            {t('unfinished.passphrase.resume')}
          </Button>
        </>
      }
    >
      <form
        className="recover-stack"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {refusal ? (
          <Notice tone="error" title={t('unfinished.passphrase.refused')}>
            {errorText(refusal)}
          </Notice>
        ) : null}
        {keys.newKey ? (
          <Field label={t('unfinished.passphrase.newKey')} hint={<code>{keys.newKey}</code>}>
            {(control) => (
              <Input
                {...control}
                type="password"
                value={newKeyPassphrase}
                onChange={(event) => setNewKeyPassphrase(event.target.value)}
                autoComplete="off"
                autoFocus
              />
            )}
          </Field>
        ) : null}
        {keys.loginKey ? (
          <Field label={t('unfinished.passphrase.loginKey')} hint={<code>{keys.loginKey}</code>}>
            {(control) => (
              <Input
                {...control}
                type="password"
                value={loginKeyPassphrase}
                onChange={(event) => setLoginKeyPassphrase(event.target.value)}
                autoComplete="off"
                autoFocus={!keys.newKey}
              />
            )}
          </Field>
        ) : null}
        {keys.passwordLoginUser ? (
          <Field label={t('unfinished.passphrase.loginPassword', { user: keys.passwordLoginUser })}>
            {(control) => (
              <Input
                {...control}
                type="password"
                value={loginPassword}
                onChange={(event) => setLoginPassword(event.target.value)}
                autoComplete="off"
                autoFocus={!keys.newKey && !keys.loginKey}
              />
            )}
          </Field>
        ) : null}
        {/* Enter submits: a form needs a submit button, hidden as the footer has the visible one. */}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
