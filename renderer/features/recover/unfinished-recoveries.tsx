import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { confirm } from '../../components/confirm';
import { ClockIcon } from '../../components/icons';
import { Badge, Card } from '../../components/layout';
import { Notice } from '../../components/notice';
import { useErrorText } from '../../lib/errors';
import { useRecoverStore } from './recover-store';
import { useRecoveryRunStore, type UnfinishedRecovery } from './recovery-run-store';
import {
  needsSecrets,
  ResumePassphraseDialog,
  secretsOf,
  type EncryptedKeys,
} from './resume-passphrase-dialog';

/** Journal paths as the planner names them, for the `paths.*` texts. */
const pathKey = {
  ssh: 'ssh',
  eic: 'eic',
  ssm: 'ssm',
  'user-data': 'userData',
  'rescue-volume': 'rescueVolume',
};

/** Recoveries the journal holds unfinished (another session's included), each with resume / abandon. */
export function UnfinishedRecoveries() {
  const { t, i18n } = useTranslation('recover');
  const errorText = useErrorText();
  const { unfinished, error, currentId, phase, abandoning, beginResume, abandon, rollback } =
    useRecoveryRunStore(
      useShallow((state) => ({
        rollback: state.rollback,
        unfinished: state.unfinished,
        error: state.unfinishedError,
        currentId: state.recoveryId,
        phase: state.phase,
        abandoning: state.abandoning,
        beginResume: state.beginResume,
        abandon: state.abandon,
      })),
    );
  const resumeInWizard = useRecoverStore((state) => state.resumeFromJournal);
  /** The recovery whose passphrases the dialog asks for (and a refusal that opened it). */
  const [asking, setAsking] = useState<{
    recovery: UnfinishedRecovery;
    keys: EncryptedKeys;
    refusal?: unknown;
  } | null>(null);
  const [starting, setStarting] = useState<string | null>(null);
  // The recovery on screen is not offered twice.
  const others = (unfinished?.recoveries ?? []).filter((recovery) => recovery.id !== currentId);
  const damaged = unfinished?.damaged.length ?? 0;
  if (others.length === 0 && damaged === 0 && !error) return null;

  const askAbandon = async (recovery: UnfinishedRecovery) => {
    const yes = await confirm({
      title: t('unfinished.abandonTitle', { id: recovery.id }),
      message: t('unfinished.abandonBody'),
      confirmLabel: t('unfinished.abandonConfirm'),
      cancelLabel: t('unfinished.keep'),
      tone: 'danger',
    });
    if (yes) await abandon(recovery.id);
  };
  // Encrypted key files and a password login (as the journal recorded them): their passphrases and
  // the password first. Otherwise resume at once; a journal that did not record it is refused for
  // the passphrase, and the dialog asks.
  const askResume = async (recovery: UnfinishedRecovery) => {
    const keys = secretsOf(recovery);
    if (needsSecrets(keys)) return setAsking({ recovery, keys });
    setStarting(recovery.id);
    const { passphraseRefusal } = await beginResume(recovery.id);
    setStarting(null);
    if (passphraseRefusal) setAsking({ recovery, keys: {}, refusal: passphraseRefusal });
    else resumeInWizard(recovery);
  };
  // Undo from the journal in the wizard's run screen; key files needing a passphrase: the CLI's rollback.
  const askRollback = async (recovery: UnfinishedRecovery) => {
    const yes = await confirm({
      title: t('unfinished.rollbackTitle', { id: recovery.id }),
      message: t('unfinished.rollbackBody', { instanceId: recovery.instanceId }),
      confirmLabel: t('unfinished.rollbackConfirm'),
      cancelLabel: t('unfinished.keep'),
    });
    if (!yes) return;
    resumeInWizard(recovery);
    void rollback(recovery.id);
  };
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  return (
    <Card
      icon={ClockIcon}
      title={t('unfinished.title', { count: others.length })}
      subtitle={t('unfinished.subtitle')}
    >
      <div className="recover-stack">
        {error ? (
          <Notice tone="error" title={t('unfinished.failed')}>
            {errorText(error)}
          </Notice>
        ) : null}
        {damaged > 0 ? <Notice tone="warning">{t('unfinished.damaged', { count: damaged })}</Notice> : null}
        <ul className="recover-instances" aria-label={t('unfinished.title', { count: others.length })}>
          {others.map((recovery) => (
            <li key={recovery.id} className="recover-instance" data-recovery={recovery.id}>
              <div className="recover-instance-text">
                <strong>
                  <code>{recovery.id}</code>
                </strong>
                <span className="recover-muted">
                  {t('unfinished.facts', {
                    instanceId: recovery.instanceId,
                    region: recovery.region,
                    path: t(`paths.${pathKey[recovery.path]}`),
                    user: recovery.targetUser,
                  })}
                </span>
                <span className="recover-muted">
                  {recovery.lastStep
                    ? t('unfinished.lastStep', {
                        step: t(`stepNames.${recovery.lastStep.stepId}`, {
                          defaultValue: recovery.lastStep.stepId,
                        }),
                        state: t(`unfinished.journalStates.${recovery.lastStep.state}`),
                      })
                    : t('unfinished.noStep')}{' '}
                  · <time dateTime={recovery.updatedAt}>{when(recovery.updatedAt)}</time>
                </span>
              </div>
              <div className="recover-instance-badges">
                {recovery.verified ? <Badge tone="success">{t('unfinished.verified')}</Badge> : null}
              </div>
              <div className="recover-actions-row">
                <Button
                  size="sm"
                  variant="primary"
                  disabled={phase === 'running'}
                  busy={starting === recovery.id}
                  onClick={() => void askResume(recovery)}
                >
                  {t('unfinished.resume')}
                </Button>
                {!recovery.verified && !needsSecrets(secretsOf(recovery)) ? (
                  <Button size="sm" disabled={phase === 'running'} onClick={() => void askRollback(recovery)}>
                    {t('unfinished.rollback')}
                  </Button>
                ) : null}
                <Button
                  size="sm"
                  variant="danger"
                  busy={abandoning === recovery.id}
                  onClick={() => void askAbandon(recovery)}
                >
                  {t('unfinished.abandon')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </div>
      {asking ? (
        <ResumePassphraseDialog
          key={asking.recovery.id}
          recoveryId={asking.recovery.id}
          keys={asking.keys}
          refusal={asking.refusal}
          onClose={() => setAsking(null)}
          onResumed={() => {
            resumeInWizard(asking.recovery);
            setAsking(null);
          }}
        />
      ) : null}
    </Card>
  );
}
