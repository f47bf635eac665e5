import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { PathAssessment, PlanReason } from '../../../src/ipc/contracts/recovery';
import { Button } from '../../components/button';
import { Field, Input } from '../../components/field';
import { LifeBuoyIcon } from '../../components/icons';
import { Badge, Card } from '../../components/layout';
import { Notice } from '../../components/notice';
import {
  assessmentOf,
  choosable,
  mayNeedIngress,
  pathBlockers,
  runnablePath,
  usesLogin,
} from './recover-rules';
import { RescuePicker } from './rescue-picker';
import { OwnScript } from './own-script';
import { SshTargetFields } from './ssh-target-fields';
import { useRecoverStore } from './recover-store';
import { StepActions } from './wizard-frame';

const verdictTone = { advised: 'success', possible: 'accent', notPossible: 'neutral' } as const;

/** Step 3: every path with its verdict and reasons; the advised one is preselected. */
export function PathChoice() {
  const { t } = useTranslation('recover');
  const { preflight, draft, edit, goTo, chooseKeyFile } = useRecoverStore(
    useShallow((state) => ({
      preflight: state.preflight,
      draft: state.draft,
      edit: state.edit,
      goTo: state.goTo,
      chooseKeyFile: state.chooseKeyFile,
    })),
  );
  const plan = preflight?.plan ?? [];
  const noneRunnable = plan.length > 0 && !plan.some(choosable);
  const chosen = assessmentOf(preflight, draft.path);
  return (
    <Card icon={LifeBuoyIcon} title={t('path.title')} subtitle={t('path.subtitle')}>
      <div className="recover-stack">
        {noneRunnable ? <Notice tone="error" title={t('path.nonePossible')} /> : null}
        <fieldset className="recover-paths">
          <legend className="visually-hidden">{t('path.legend')}</legend>
          {plan.map((assessment) => (
            <PathOption
              key={assessment.path}
              assessment={assessment}
              checked={runnablePath(assessment.path) === draft.path && draft.path !== null}
              onChoose={() => {
                const path = runnablePath(assessment.path);
                if (path) edit({ path });
              }}
            />
          ))}
        </fieldset>
        <Field
          label={t('path.targetUser')}
          hint={
            preflight?.targetUser
              ? t('path.targetUserHint', { user: preflight.targetUser })
              : t('path.targetUserUnknown')
          }
        >
          {(control) => (
            <Input
              {...control}
              className="mono recover-short"
              value={draft.targetUser ?? preflight?.targetUser ?? ''}
              onChange={(event) => edit({ targetUser: event.target.value })}
              spellCheck={false}
              autoComplete="off"
            />
          )}
        </Field>
        {draft.path === 'rescueVolume' ? <RescuePicker /> : null}
        {usesLogin(draft) ? (
          <fieldset className="recover-group">
            <legend>{t(draft.path === 'ssh' ? 'path.login.title' : 'path.rescue.loginTitle')}</legend>
            <p className="recover-muted">
              {t(draft.path === 'ssh' ? 'path.login.hint' : 'path.rescue.loginHint')}
            </p>
            <div className="recover-pair">
              <Field label={t('path.login.user')}>
                {(control) => (
                  <Input
                    {...control}
                    className="mono"
                    value={draft.loginUser}
                    onChange={(event) => edit({ loginUser: event.target.value })}
                    spellCheck={false}
                    autoComplete="off"
                  />
                )}
              </Field>
              <Field label={t('path.login.password')} optional>
                {(control) => (
                  <Input
                    {...control}
                    type="password"
                    value={draft.loginPassword}
                    onChange={(event) => edit({ loginPassword: event.target.value })}
                    autoComplete="off"
                  />
                )}
              </Field>
            </div>
            <Field label={t('path.login.key')} optional>
              {(control) => (
                <div className="recover-path-row">
                  <Input
                    {...control}
                    className="mono"
                    value={draft.loginKeyPath}
                    title={draft.loginKeyPath}
                    onChange={(event) => edit({ loginKeyPath: event.target.value })}
                    spellCheck={false}
                  />
                  <Button onClick={() => void chooseKeyFile('login')}>{t('path.login.choose')}</Button>
                </div>
              )}
            </Field>
            {draft.loginKeyPath ? (
              <Field label={t('path.login.keyPassphrase')} optional>
                {(control) => (
                  <Input
                    {...control}
                    type="password"
                    value={draft.loginKeyPassphrase}
                    onChange={(event) => edit({ loginKeyPassphrase: event.target.value })}
                    autoComplete="off"
                  />
                )}
              </Field>
            ) : null}
          </fieldset>
        ) : null}
        {mayNeedIngress(chosen) ? (
          <label className="recover-check">
            <input
              type="checkbox"
              checked={draft.temporaryIngress}
              onChange={(event) => edit({ temporaryIngress: event.target.checked })}
            />
            <span>
              {t('path.ingress')}
              <span className="recover-check-hint">{t('path.ingressHint')}</span>
            </span>
          </label>
        ) : null}
        {draft.path ? <SshTargetFields /> : null}
        <OwnScript open={noneRunnable} />
        <StepActions
          onBack={() => goTo('checks')}
          onNext={() => goTo('key')}
          blockers={pathBlockers(draft, preflight)}
        />
      </div>
    </Card>
  );
}

function ReasonList({ reasons, className }: { reasons: PlanReason[]; className?: string }) {
  const { t } = useTranslation('recover');
  if (reasons.length === 0) return null;
  return (
    <ul className={className ? `recover-reasons ${className}` : 'recover-reasons'}>
      {reasons.map((reason, index) => (
        <li key={`${reason.code}-${index}`}>{t(`plan.${reason.code}`, { replace: reason.params })}</li>
      ))}
    </ul>
  );
}

function PathOption({
  assessment,
  checked,
  onChoose,
}: {
  assessment: PathAssessment;
  checked: boolean;
  onChoose: () => void;
}) {
  const { t } = useTranslation('recover');
  const runnable = runnablePath(assessment.path) !== null;
  const enabled = choosable(assessment);
  return (
    <label
      className={`recover-path${checked ? ' is-checked' : ''}${enabled ? '' : ' is-disabled'}`}
      data-path={assessment.path}
      data-verdict={assessment.verdict}
    >
      <input type="radio" name="recover-path" checked={checked} disabled={!enabled} onChange={onChoose} />
      <span className="recover-path-body">
        <span className="recover-path-head">
          <strong>{t(`paths.${assessment.path}`)}</strong>
          <Badge tone={verdictTone[assessment.verdict]}>{t(`verdicts.${assessment.verdict}`)}</Badge>
        </span>
        <ReasonList reasons={assessment.reasons} />
        {assessment.uncertainties.length > 0 ? (
          <span className="recover-path-sub">
            <span className="recover-muted">{t('path.uncertain')}</span>
            <ReasonList reasons={assessment.uncertainties} />
          </span>
        ) : null}
        <ReasonList reasons={assessment.hazards} className="is-hazard" />
        {!runnable && assessment.verdict !== 'notPossible' ? (
          <span className="recover-muted">{t('path.later')}</span>
        ) : null}
      </span>
    </label>
  );
}
