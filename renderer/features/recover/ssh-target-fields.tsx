import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { Field, Input } from '../../components/field';
import { Notice } from '../../components/notice';
import { useErrorText } from '../../lib/errors';
import { useRecoverStore } from './recover-store';

/**
 * Where SSH reaches the instance (the path's login and the verification login): empty for its own
 * address, else a host and port. A target remembered for this instance fills the fields, says so
 * and can be forgotten; it was remembered only after a verified login through it.
 */
export function SshTargetFields() {
  const { t, i18n } = useTranslation('recover');
  const errorText = useErrorText();
  const { draft, sshTarget, sshTargetError, edit, forgetSshTarget } = useRecoverStore(
    useShallow((state) => ({
      draft: state.draft,
      sshTarget: state.sshTarget,
      sshTargetError: state.sshTargetError,
      edit: state.edit,
      forgetSshTarget: state.forgetSshTarget,
    })),
  );
  const shown = sshTarget !== null && draft.sshHost.trim() === sshTarget.host;
  const date = sshTarget
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(sshTarget.rememberedAt))
    : '';
  return (
    <fieldset className="recover-group" data-testid="recover-ssh-target">
      <legend>{t('path.sshTarget.title')}</legend>
      <p className="recover-muted">{t('path.sshTarget.hint')}</p>
      <div className="recover-pair">
        <Field label={t('path.sshTarget.host')} optional>
          {(control) => (
            <Input
              {...control}
              className="mono"
              value={draft.sshHost}
              onChange={(event) => edit({ sshHost: event.target.value })}
              spellCheck={false}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label={t('path.sshTarget.port')} optional>
          {(control) => (
            <Input
              {...control}
              className="mono recover-short"
              value={draft.sshPort}
              inputMode="numeric"
              placeholder="22"
              onChange={(event) => edit({ sshPort: event.target.value })}
              autoComplete="off"
            />
          )}
        </Field>
      </div>
      {shown ? (
        <div className="recover-actions-row" data-testid="recover-ssh-target-remembered">
          <span className="recover-muted">{t('path.sshTarget.remembered', { date })}</span>
          <Button size="sm" onClick={() => void forgetSshTarget()}>
            {t('path.sshTarget.forget')}
          </Button>
        </div>
      ) : null}
      {sshTargetError ? <Notice tone="error">{errorText(sshTargetError)}</Notice> : null}
    </fieldset>
  );
}
