import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Field, Select } from '../../components/field';
import { Notice } from '../../components/notice';
import { useInventoryStore } from '../inventory/inventory-store';
import { rescueCandidates, targetZone } from './rescue-choice';
import { useRecoverStore } from './recover-store';

/**
 * Path `rescueVolume` on the path screen: the rescue instance (running, in the target's zone, as
 * the inventory saw it) and how KeyRescue runs commands on it — SSM, or a login given below.
 */
export function RescuePicker() {
  const { t } = useTranslation('recover');
  const view = useInventoryStore((state) => state.view);
  const { target, draft, edit } = useRecoverStore(
    useShallow((state) => ({ target: state.target, draft: state.draft, edit: state.edit })),
  );
  const zone = targetZone(view, target);
  const candidates = rescueCandidates(view, target);
  return (
    <fieldset className="recover-group" data-testid="recover-rescue">
      <legend>{t('path.rescue.legend')}</legend>
      <p className="recover-muted">{zone ? t('path.rescue.hint', { zone }) : t('path.rescue.zoneUnknown')}</p>
      {zone && candidates.length === 0 ? (
        <Notice tone="warning" title={t('path.rescue.none', { zone })} />
      ) : null}
      {candidates.length > 0 ? (
        <Field label={t('path.rescue.instance')}>
          {(control) => (
            <Select
              {...control}
              value={draft.rescueInstanceId}
              onChange={(event) => edit({ rescueInstanceId: event.target.value })}
            >
              <option value="">{t('path.rescue.choose')}</option>
              {candidates.map((candidate) => (
                <option key={candidate.instanceId} value={candidate.instanceId}>
                  {candidate.instanceName
                    ? `${candidate.instanceName} (${candidate.instanceId})`
                    : candidate.instanceId}
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}
      <div role="radiogroup" aria-label={t('path.rescue.via')}>
        {(['ssm', 'ssh'] as const).map((via) => (
          <label key={via} className="recover-check">
            <input
              type="radio"
              name="recover-rescue-via"
              checked={draft.rescueVia === via}
              onChange={() => edit({ rescueVia: via })}
            />
            <span>{t(via === 'ssm' ? 'path.rescue.viaSsm' : 'path.rescue.viaSsh')}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
