import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { CleanupChoices } from '../../../src/ipc/contracts/recovery-run';
import { Button } from '../../components/button';
import { Field, Input } from '../../components/field';
import { SlidersIcon } from '../../components/icons';
import { Card } from '../../components/layout';
import { Notice } from '../../components/notice';
import { useErrorText } from '../../lib/errors';
import { DeletePreviewPanel } from '../inventory/delete-preview';
import { samePreviewTarget, useCleanupPreviewStore } from './cleanup-preview-store';
import { useRecoverStore } from './recover-store';
import { useRecoveryRunStore } from './recovery-run-store';
import { StepList } from './step-list';

type Choices = Omit<CleanupChoices, 'recoveryId' | 'sshConfigAlias' | 'ppkCopyPath'> & {
  sshConfig: boolean;
  alias: string;
  ppk: boolean;
  ppkPath: string;
};

/** The cleanup steps the choices ask for, in the order the engine runs them. */
export function plannedCleanup(choices: Choices): string[] {
  return [
    ...(choices.removeOldKey ? ['remove-old-key'] : []),
    ...(choices.deleteOldKeyPair ? ['delete-old-key-pair'] : []),
    ...(choices.sshConfig ? ['ssh-config-entry'] : []),
    ...(choices.ppk ? ['ppk-copy'] : []),
    ...(choices.revokeIngress ? ['ingress-revoke'] : []),
  ];
}

const aliasOf = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 64) || 'recovered';

function Check({
  checked,
  onChange,
  label,
  hint,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  hint?: ReactNode;
}) {
  return (
    <label className="recover-check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span>
        {label}
        {hint ? <span className="recover-check-hint">{hint}</span> : null}
      </span>
    </label>
  );
}

/** Step 7: tidy up after the verified login — each choice says what it does. */
export function CleanupStep() {
  const { t } = useTranslation('recover');
  const errorText = useErrorText();
  const target = useRecoverStore((state) => state.target);
  const goTo = useRecoverStore((state) => state.goTo);
  const draft = useRecoverStore((state) => state.draft);
  const { result, phase, steps, cleanupResult, error, cleanup, editCleanup } = useRecoveryRunStore(
    useShallow((state) => ({
      result: state.result,
      phase: state.cleanupPhase,
      steps: state.cleanupSteps,
      cleanupResult: state.cleanupResult,
      error: state.cleanupError,
      cleanup: state.cleanup,
      editCleanup: state.editCleanup,
    })),
  );
  const deletePreview = useCleanupPreviewStore(
    useShallow((state) => ({
      target: state.target,
      preview: state.preview,
      error: state.error,
      load: state.load,
    })),
  );
  const keyName = target?.keyName ?? '';
  // The old key pair in the account the recovery pinned, whichever one the window shows by now.
  const previewTarget = target
    ? { region: target.region, name: keyName, ...(result?.accountId ? { accountId: result.accountId } : {}) }
    : null;
  const shownPreview = samePreviewTarget(deletePreview.target, previewTarget) ? deletePreview : null;
  const previewedKeyPairId = shownPreview?.preview?.keyPair.id;
  const [choices, setChoices] = useState<Choices>(() => ({
    removeOldKey: true,
    deleteOldKeyPair: false,
    // ssh's config cannot name a PPK as its IdentityFile (OpenSSH does not read PuTTY files).
    sshConfig: !result?.newKeyPath?.endsWith('.ppk'),
    alias: aliasOf(target?.instanceName ?? target?.instanceId ?? ''),
    ppk: false,
    ppkPath: result?.newKeyPath && !result.newKeyPath.endsWith('.ppk') ? `${result.newKeyPath}.ppk` : '',
    revokeIngress: result?.ingressRuleOpen ?? false,
  }));
  const change = (patch: Partial<Choices>) => setChoices((current) => ({ ...current, ...patch }));
  if (!result) return null;
  const planned = plannedCleanup(choices);
  // The delete goes only to the key pair the preview showed: without one on screen, nothing to run.
  const waitingForPreview = choices.deleteOldKeyPair && !previewedKeyPairId;
  const chooseDelete = (deleteOldKeyPair: boolean) => {
    change({ deleteOldKeyPair });
    if (deleteOldKeyPair && previewTarget) void deletePreview.load(previewTarget);
  };
  const newKeyPassphrase = draft.keySource === 'generate' ? draft.passphrase : draft.existingPassphrase;
  const run = () =>
    void cleanup(
      {
        removeOldKey: choices.removeOldKey,
        deleteOldKeyPair: choices.deleteOldKeyPair,
        ...(choices.deleteOldKeyPair && previewedKeyPairId ? { previewedKeyPairId } : {}),
        revokeIngress: choices.revokeIngress,
        ...(choices.sshConfig && choices.alias ? { sshConfigAlias: choices.alias } : {}),
        ...(choices.ppk && choices.ppkPath ? { ppkCopyPath: choices.ppkPath } : {}),
        // Main holds no passphrase between calls: the PPK copy reads the new key, and removing the
        // old line may log in again with the other login's key.
        ...(newKeyPassphrase ? { newKeyPassphrase } : {}),
        ...(draft.loginKeyPassphrase ? { loginKeyPassphrase: draft.loginKeyPassphrase } : {}),
        ...(draft.loginPassword ? { loginPassword: draft.loginPassword } : {}),
      },
      planned,
    );

  return (
    <Card icon={SlidersIcon} title={t('cleanup.title')} subtitle={t('cleanup.subtitle')}>
      <div className="recover-stack">
        {phase === 'idle' ? (
          <>
            <Check
              checked={choices.removeOldKey}
              onChange={(removeOldKey) => change({ removeOldKey })}
              label={t('cleanup.removeOldKey', { user: result.targetUser })}
              hint={t('cleanup.removeOldKeyHint')}
            />
            {keyName ? (
              <Check
                checked={choices.deleteOldKeyPair}
                onChange={chooseDelete}
                label={t('cleanup.deleteOldKeyPair', { keyName })}
              />
            ) : null}
            {choices.deleteOldKeyPair ? (
              <div className="recover-stack">
                <Notice tone="warning">{t('cleanup.deleteWarning', { keyName })}</Notice>
                <DeletePreviewPanel
                  preview={shownPreview?.preview ?? null}
                  error={shownPreview?.error ?? null}
                />
                {previewedKeyPairId ? (
                  <p className="recover-muted">
                    {t('cleanup.deletePreviewed', { keyName, id: previewedKeyPairId })}
                  </p>
                ) : null}
                {shownPreview?.error ? (
                  <div>
                    <Button size="sm" onClick={() => previewTarget && void deletePreview.load(previewTarget)}>
                      {t('cleanup.previewAgain')}
                    </Button>
                  </div>
                ) : null}
              </div>
            ) : null}
            <Check
              checked={choices.sshConfig}
              onChange={(sshConfig) => change({ sshConfig })}
              label={t('cleanup.sshConfig')}
            />
            {choices.sshConfig ? (
              <Field label={t('cleanup.alias')} hint={t('cleanup.aliasHint', { alias: choices.alias })}>
                {(control) => (
                  <Input
                    {...control}
                    className="mono recover-short"
                    value={choices.alias}
                    onChange={(event) => change({ alias: event.target.value })}
                    spellCheck={false}
                  />
                )}
              </Field>
            ) : null}
            <Check checked={choices.ppk} onChange={(ppk) => change({ ppk })} label={t('cleanup.ppk')} />
            {choices.ppk ? (
              <Field label={t('cleanup.ppkPath')}>
                {(control) => (
                  <Input
                    {...control}
                    className="mono"
                    value={choices.ppkPath}
                    onChange={(event) => change({ ppkPath: event.target.value })}
                    spellCheck={false}
                  />
                )}
              </Field>
            ) : null}
            {result.ingressRuleOpen ? (
              <Check
                checked={choices.revokeIngress}
                onChange={(revokeIngress) => change({ revokeIngress })}
                label={t('cleanup.revokeIngress')}
                hint={t('cleanup.revokeIngressHint')}
              />
            ) : null}
            <div className="recover-actions-row">
              <Button onClick={() => goTo('report')}>{t('cleanup.skip')}</Button>
              <Button variant="primary" disabled={planned.length === 0 || waitingForPreview} onClick={run}>
                {t('cleanup.run')}
              </Button>
            </div>
          </>
        ) : (
          <StepList steps={steps} label={t('cleanup.title')} />
        )}
        {phase === 'ended' && cleanupResult ? (
          <Notice tone="success" title={t('cleanup.done')}>
            {cleanupResult.sshConfigPath ? (
              <p>{t('cleanup.sshConfigWritten', { path: cleanupResult.sshConfigPath })}</p>
            ) : null}
            {cleanupResult.ppkCopyPath ? (
              <p>{t('cleanup.ppkWritten', { path: cleanupResult.ppkCopyPath })}</p>
            ) : null}
          </Notice>
        ) : null}
        {phase === 'ended' && error ? (
          <Notice
            tone="error"
            title={t('cleanup.failed')}
            actions={
              <>
                <Button size="sm" onClick={run}>
                  {t('cleanup.retry')}
                </Button>
                <Button
                  size="sm"
                  onClick={() => {
                    // Back to the choices, with the key pair's preview read again (it may have changed).
                    editCleanup();
                    if (choices.deleteOldKeyPair && previewTarget) void deletePreview.load(previewTarget);
                  }}
                >
                  {t('cleanup.change')}
                </Button>
              </>
            }
          >
            <p>{errorText(error)}</p>
            <p>{t('cleanup.failedNext')}</p>
          </Notice>
        ) : null}
        {phase === 'ended' ? (
          <div className="recover-actions-row">
            <Button variant="primary" onClick={() => goTo('report')}>
              {t('cleanup.toReport')}
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
