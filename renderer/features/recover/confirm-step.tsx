import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Field, Input } from '../../components/field';
import { ShieldIcon } from '../../components/icons';
import { Card, FactList } from '../../components/layout';
import { Notice } from '../../components/notice';
import { useAccountsStore } from '../accounts/accounts-store';
import { DowntimeConsent } from './downtime-consent';
import {
  assessmentOf,
  confirmBlockers,
  newKeyPath,
  plannedSteps,
  startInput,
  targetUserOf,
} from './recover-rules';
import { useRecoverStore } from './recover-store';
import { useRecoveryRunStore } from './recovery-run-store';
import { StepActions } from './wizard-frame';

/**
 * Step 5: exactly what Start will do, in order, and how the host key is trusted; a stop path lists
 * its hazards and waits for the instance's name or id to be typed.
 */
export function ConfirmStep() {
  const { t } = useTranslation('recover');
  const { target, preflight, draft, sshDir, edit, goTo } = useRecoverStore(
    useShallow((state) => ({
      target: state.target,
      preflight: state.preflight,
      draft: state.draft,
      sshDir: state.sshDir,
      edit: state.edit,
      goTo: state.goTo,
    })),
  );
  const start = useRecoveryRunStore((state) => state.start);
  const accountId = useAccountsStore((state) => state.activeId);
  if (!target || !draft.path) return null;
  const assessment = assessmentOf(preflight, draft.path);
  const steps = plannedSteps(draft, assessment);
  const keyText =
    draft.keySource === 'generate'
      ? t('confirm.generated', {
          type: draft.keyType === 'ed25519' ? 'Ed25519' : 'RSA 4096',
          format: t(`key.format.${draft.format}`),
          path: newKeyPath(draft, target, sshDir),
        })
      : t('confirm.existing', { path: draft.existingPath });
  const encrypted = draft.keySource === 'generate' ? draft.passphrase !== '' : false;

  const begin = () => {
    const input = startInput(target, draft, preflight, { accountId, sshDir });
    if (!input) return;
    goTo('run');
    void start(input, steps);
  };

  return (
    <Card icon={ShieldIcon} title={t('confirm.title')} subtitle={t('confirm.subtitle')}>
      <div className="recover-stack">
        <FactList
          items={[
            {
              id: 'instance',
              label: t('confirm.instance'),
              value: `${target.instanceName ?? target.instanceId} (${target.instanceId}, ${target.region})`,
            },
            { id: 'path', label: t('confirm.path'), value: t(`paths.${draft.path}`) },
            ...(draft.path === 'rescueVolume'
              ? [
                  {
                    id: 'rescue',
                    label: t('path.rescue.instance'),
                    value: `${draft.rescueInstanceId} · ${t(draft.rescueVia === 'ssm' ? 'path.rescue.viaSsm' : 'path.rescue.viaSsh')}`,
                  },
                ]
              : []),
            {
              id: 'user',
              label: t('confirm.user'),
              value: <code>{targetUserOf(draft, preflight)}</code>,
            },
            {
              id: 'key',
              label: t('confirm.newKey'),
              value: encrypted ? `${keyText} · ${t('confirm.withPassphrase')}` : keyText,
            },
            {
              id: 'sshTarget',
              label: t('confirm.sshTarget'),
              value: draft.sshHost.trim() ? (
                <code>{`${draft.sshHost.trim()}:${draft.sshPort.trim() || '22'}`}</code>
              ) : (
                t('confirm.sshTargetOwn')
              ),
            },
            {
              id: 'keyPair',
              label: t('confirm.keyPair'),
              value: draft.importKeyPair ? draft.importName : t('confirm.keyPairNone'),
            },
          ]}
        />
        <h3 className="recover-heading">{t('confirm.stepsTitle')}</h3>
        <ol className="recover-planned" data-testid="recover-planned">
          {steps.map((id) => (
            <li key={id} data-step={id}>
              {t(`stepNames.${id}`, { defaultValue: id })}
            </li>
          ))}
        </ol>
        {steps.includes('ingress-add') ? <Notice tone="info">{t('confirm.ingressNote')}</Notice> : null}
        {assessment?.downtime ? (
          <DowntimeConsent
            assessment={assessment}
            target={target}
            typed={draft.downtimeConsent}
            onType={(text) => edit({ downtimeConsent: text })}
          />
        ) : null}
        {/* Sentences, not short labels: radios that wrap, not a segmented control. */}
        <fieldset className="recover-group">
          <legend>{t('confirm.hostKey.legend')}</legend>
          {(['accept-new', 'pinned'] as const).map((mode) => (
            <label key={mode} className="recover-check">
              <input
                type="radio"
                name="recover-host-key"
                checked={draft.hostKeyMode === mode}
                onChange={() => edit({ hostKeyMode: mode })}
              />
              <span>{t(mode === 'pinned' ? 'confirm.hostKey.pinned' : 'confirm.hostKey.acceptNew')}</span>
            </label>
          ))}
        </fieldset>
        {draft.hostKeyMode === 'pinned' ? (
          <Field label={t('confirm.hostKey.fingerprint')} hint={t('confirm.hostKey.fingerprintHint')}>
            {(control) => (
              <Input
                {...control}
                className="mono"
                value={draft.hostKeyFingerprint}
                placeholder="SHA256:"
                onChange={(event) => edit({ hostKeyFingerprint: event.target.value })}
                spellCheck={false}
                autoComplete="off"
              />
            )}
          </Field>
        ) : null}
        <StepActions
          onBack={() => goTo('key')}
          onNext={begin}
          nextLabel={t('confirm.start')}
          blockers={confirmBlockers(draft, assessment, target)}
        />
      </div>
    </Card>
  );
}
