import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { RecoveryRunResult } from '../../../src/ipc/contracts/recovery-run';
import { Button } from '../../components/button';
import { CopyButton } from '../../components/copy-button';
import { confirm } from '../../components/confirm';
import { LifeBuoyIcon } from '../../components/icons';
import { Card, FactList } from '../../components/layout';
import { Notice } from '../../components/notice';
import { useErrorText } from '../../lib/errors';
import { HostKeyCompare } from './host-key-compare';
import { refusedFingerprint } from './host-key-compare-store';
import { useRecoverStore } from './recover-store';
import { isPassphraseRefusal, useRecoveryRunStore } from './recovery-run-store';
import { ResumePassphraseDialog } from './resume-passphrase-dialog';
import { instanceStateKeys, stoppedAt } from './run-progress';
import { StepList } from './step-list';

/** Step 6: the live steps with elapsed time, cancellable between steps, then the verification result. */
export function RunStep() {
  const { t } = useTranslation('recover');
  const { phase, steps, result, rolledBack, error, cancelling, cancel } = useRecoveryRunStore(
    useShallow((state) => ({
      phase: state.phase,
      steps: state.steps,
      result: state.result,
      rolledBack: state.rolledBack,
      error: state.error,
      cancelling: state.cancelling,
      cancel: state.cancel,
    })),
  );
  return (
    <Card
      icon={LifeBuoyIcon}
      title={t('run.title')}
      subtitle={t('run.subtitle')}
      actions={
        phase === 'running' ? (
          <Button size="sm" variant="secondary" busy={cancelling} onClick={cancel}>
            {cancelling ? t('run.cancelling') : t('run.cancel')}
          </Button>
        ) : null
      }
    >
      <div className="recover-stack" aria-live="polite">
        <StepList steps={steps} label={t('run.title')} />
        {phase === 'ended' && result?.verified ? <Verified result={result} /> : null}
        {phase === 'ended' && rolledBack ? <RolledBack /> : null}
        {phase === 'ended' && !result?.verified && !rolledBack ? <Stopped error={error} /> : null}
      </div>
    </Card>
  );
}

function Verified({ result }: { result: RecoveryRunResult }) {
  const { t } = useTranslation('recover');
  const goTo = useRecoverStore((state) => state.goTo);
  const host = result.host ?? '';
  // A practice or forwarded sshd listens elsewhere than 22: without -p the command would not log in.
  const port = result.port !== undefined && result.port !== 22 ? ` -p ${result.port}` : '';
  const command = result.newKeyPath
    ? `ssh -i ${result.newKeyPath}${port} ${result.targetUser}@${host}`
    : null;
  return (
    <div className="recover-stack" data-testid="recover-verified">
      <Notice tone="success" title={t('outcome.verifiedTitle')}>
        <p>{t('outcome.verifiedBody', { user: result.targetUser, host })}</p>
      </Notice>
      <FactList
        items={[
          ...(result.hostKeyFingerprint
            ? [
                {
                  id: 'hostKey',
                  label: t('outcome.hostKey'),
                  value: (
                    <span data-testid="recover-host-key">
                      {t('outcome.hostKeyPinned', { fingerprint: result.hostKeyFingerprint })}
                    </span>
                  ),
                },
              ]
            : []),
          {
            id: 'fingerprint',
            label: t('outcome.newKeyFingerprint'),
            value: <code>{result.newKeyFingerprint}</code>,
          },
          ...(result.newKeyPath
            ? [{ id: 'path', label: t('outcome.newKeyPath'), value: <code>{result.newKeyPath}</code> }]
            : []),
          ...(result.snapshotId
            ? [
                {
                  id: 'snapshot',
                  label: t('outcome.snapshot'),
                  value: (
                    <span data-testid="recover-snapshot">
                      {t('outcome.snapshotKept', { id: result.snapshotId })}
                    </span>
                  ),
                },
              ]
            : []),
          ...(command
            ? [
                {
                  id: 'command',
                  label: t('outcome.command'),
                  value: (
                    <span className="recover-copyable">
                      <code>{command}</code>{' '}
                      <CopyButton text={command} iconOnly label={t('outcome.copyCommand')} />
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
      {result.hostKeyFingerprint ? (
        <HostKeyCompare
          accepted
          subject={{
            instanceId: result.instanceId,
            region: result.region,
            fingerprint: result.hostKeyFingerprint,
            ...(result.accountId ? { accountId: result.accountId } : {}),
          }}
        />
      ) : null}
      <div className="recover-actions-row">
        <CopyButton text={result.newPublicKey} label={t('outcome.copyPublicKey')} size="md" />
        <Button onClick={() => goTo('report')}>{t('outcome.toReport')}</Button>
        <Button variant="primary" onClick={() => goTo('cleanup')}>
          {t('outcome.toCleanup')}
        </Button>
      </div>
    </div>
  );
}

/** A recovery undone from its journal: the instance is as it was; a new recovery may start. */
function RolledBack() {
  const { t } = useTranslation('recover');
  const reset = useRecoveryRunStore((state) => state.reset);
  const goTo = useRecoverStore((state) => state.goTo);
  return (
    <Notice tone="success" title={t('outcome.rolledBackTitle')}>
      <div className="recover-stack" data-testid="recover-rolled-back">
        <p>{t('outcome.rolledBackBody')}</p>
        <div className="recover-actions-row">
          <Button
            onClick={() => {
              reset();
              goTo('path');
            }}
          >
            {t('outcome.change')}
          </Button>
        </div>
      </div>
    </Notice>
  );
}

/** A run that ended without a verified login: what happened, where the instance stands, what next. */
function Stopped({ error }: { error: unknown }) {
  const { t } = useTranslation('recover');
  const errorText = useErrorText();
  const { steps, result, recoveryId, resume, rollback, abandon, reset } = useRecoveryRunStore(
    useShallow((state) => ({
      rollback: state.rollback,
      steps: state.steps,
      result: state.result,
      recoveryId: state.recoveryId,
      resume: state.resume,
      abandon: state.abandon,
      reset: state.reset,
    })),
  );
  const goTo = useRecoverStore((state) => state.goTo);
  const draft = useRecoverStore((state) => state.draft);
  const target = useRecoverStore((state) => state.target);
  // Passphrases typed for this run are still in the form (main keeps none between calls).
  const passphrases = {
    newKeyPassphrase: draft.keySource === 'generate' ? draft.passphrase : draft.existingPassphrase,
    loginKeyPassphrase: draft.loginKeyPassphrase,
    loginPassword: draft.loginPassword,
  };
  const cancelled = (error as { code?: string } | null)?.code === 'operations.cancelled';
  // Resuming needs a passphrase this window does not have (resumed from the list, or mistyped).
  const [askPassphrase, setAskPassphrase] = useState(false);
  const needsPassphrase = isPassphraseRefusal(error);
  const failedStep = stoppedAt(steps);
  // Something was done that a rollback undoes (the journal decides what exactly).
  const changed = steps.some((step) => step.state === 'done');
  const title = cancelled
    ? t('outcome.cancelledTitle')
    : failedStep
      ? t('outcome.failedTitle', { step: t(`stepNames.${failedStep.id}`, { defaultValue: failedStep.id }) })
      : result
        ? t('outcome.unverifiedTitle')
        : t('outcome.failedBeforeSteps');
  const happened = error ?? (failedStep?.error ? { ...failedStep.error } : null);
  // A refused host key: the fingerprint the server showed, to compare with the console's.
  const shownHostKey = refusedFingerprint(happened);
  const instance = result ?? target;

  const askAbandon = async () => {
    if (!recoveryId) return;
    const yes = await confirm({
      title: t('unfinished.abandonTitle', { id: recoveryId }),
      message: t('unfinished.abandonBody'),
      confirmLabel: t('unfinished.abandonConfirm'),
      cancelLabel: t('unfinished.keep'),
      tone: 'danger',
    });
    if (yes) {
      await abandon(recoveryId);
      goTo('confirm');
    }
  };

  return (
    <Notice tone={cancelled ? 'warning' : 'error'} title={title}>
      <div className="recover-stopped" data-testid="recover-stopped">
        {happened && !cancelled ? (
          <>
            <h4>{t('outcome.whatHappened')}</h4>
            <p>{errorText(happened)}</p>
            {shownHostKey && instance ? (
              <HostKeyCompare
                accepted={false}
                subject={{
                  instanceId: instance.instanceId,
                  region: instance.region,
                  fingerprint: shownHostKey,
                  ...(result?.accountId ? { accountId: result.accountId } : {}),
                }}
              />
            ) : null}
          </>
        ) : null}
        <h4>{t('outcome.instanceState')}</h4>
        <ul>
          {instanceStateKeys(steps, result?.ingressRuleOpen).map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
        <h4>{t('outcome.nextSteps')}</h4>
        <ul>
          {recoveryId ? <li>{t('outcome.next.retry')}</li> : null}
          <li>{t('outcome.next.change')}</li>
          {recoveryId && changed ? <li>{t('outcome.next.rollback')}</li> : null}
          {recoveryId ? <li>{t('outcome.next.abandon')}</li> : null}
        </ul>
        <div className="recover-actions-row">
          {recoveryId && needsPassphrase ? (
            <Button variant="primary" onClick={() => setAskPassphrase(true)}>
              {t('unfinished.passphrase.enter')}
            </Button>
          ) : recoveryId ? (
            <Button variant="primary" onClick={() => void resume(recoveryId, passphrases)}>
              {t('outcome.retry')}
            </Button>
          ) : null}
          <Button
            onClick={() => {
              if (!recoveryId) reset();
              goTo('path');
            }}
          >
            {t('outcome.change')}
          </Button>
          {recoveryId && changed && !needsPassphrase ? (
            <Button onClick={() => void rollback(recoveryId, passphrases)}>{t('outcome.rollback')}</Button>
          ) : null}
          {recoveryId ? (
            <Button variant="danger" onClick={() => void askAbandon()}>
              {t('outcome.abandon')}
            </Button>
          ) : null}
        </div>
        {recoveryId && askPassphrase ? (
          <ResumePassphraseDialog
            recoveryId={recoveryId}
            keys={{}}
            refusal={error}
            onClose={() => setAskPassphrase(false)}
            onResumed={() => setAskPassphrase(false)}
          />
        ) : null}
      </div>
    </Notice>
  );
}
