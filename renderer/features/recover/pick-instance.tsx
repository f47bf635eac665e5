import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { SearchIcon, ServerIcon } from '../../components/icons';
import { Badge, Card } from '../../components/layout';
import { Input } from '../../components/field';
import { Spinner } from '../../components/spinner';
import type { RecoverTarget } from '../inventory/recover-handoff';
import { useInventoryStore } from '../inventory/inventory-store';
import { instanceChoices, searchInstances, type InstanceChoice } from './recover-rules';
import { useRecoverStore } from './recover-store';

/** Step 1: the instance to recover, from the hand-off or searched across the inventory's regions. */
export function PickInstance() {
  const { t } = useTranslation('recover');
  const { handedOff, query, setQuery, pick } = useRecoverStore(
    useShallow((state) => ({
      handedOff: state.handedOff,
      query: state.query,
      setQuery: state.setQuery,
      pick: state.pick,
    })),
  );
  const view = useInventoryStore((state) => state.view);
  const inventoryStatus = useInventoryStore((state) => state.status);
  const all = useMemo(() => instanceChoices(view), [view]);
  const shown = useMemo(() => searchInstances(all, query), [all, query]);
  const stateOf = (target: RecoverTarget) =>
    all.find((choice) => choice.region === target.region && choice.instanceId === target.instanceId);

  return (
    <div className="recover-stack">
      {handedOff.length > 1 ? (
        <Card icon={ServerIcon} title={t('pick.handedOff', { count: handedOff.length })}>
          <InstanceList
            label={t('pick.handedOff', { count: handedOff.length })}
            choices={handedOff.map((target) => stateOf(target) ?? { ...target, state: '', atRisk: true })}
            onPick={(target) => void pick(target)}
          />
        </Card>
      ) : null}
      <Card icon={SearchIcon} title={t('pick.title')} subtitle={t('pick.subtitle')}>
        <div className="recover-stack">
          <label className="recover-search">
            <span className="visually-hidden">{t('pick.search')}</span>
            <Input
              type="search"
              value={query}
              placeholder={t('pick.searchPlaceholder')}
              aria-label={t('pick.search')}
              onChange={(event) => setQuery(event.target.value)}
            />
          </label>
          {!view && (inventoryStatus === 'loading' || inventoryStatus === 'idle') ? (
            <Spinner label={t('pick.loading')} />
          ) : null}
          {view && all.length === 0 ? <p className="recover-muted">{t('pick.empty')}</p> : null}
          {all.length > 0 && shown.length === 0 ? <p className="recover-muted">{t('pick.none')}</p> : null}
          {shown.length > 0 ? (
            <InstanceList label={t('pick.title')} choices={shown} onPick={(target) => void pick(target)} />
          ) : null}
        </div>
      </Card>
    </div>
  );
}

function InstanceList({
  label,
  choices,
  onPick,
}: {
  label: string;
  choices: InstanceChoice[];
  onPick: (target: RecoverTarget) => void;
}) {
  const { t } = useTranslation(['recover', 'inventory']);
  return (
    <ul className="recover-instances" aria-label={label}>
      {choices.map((choice) => {
        const name = choice.instanceName ?? choice.instanceId;
        return (
          <li key={`${choice.region}/${choice.instanceId}`} className="recover-instance">
            <div className="recover-instance-text">
              <strong>{name}</strong>
              <span className="recover-muted">
                {t('target.facts', {
                  id: choice.instanceId,
                  region: choice.region,
                  keyName: choice.keyName,
                })}
              </span>
            </div>
            <div className="recover-instance-badges">
              {choice.state ? (
                <Badge>{t(`inventory:states.${choice.state}`, { defaultValue: choice.state })}</Badge>
              ) : null}
              {choice.atRisk ? <Badge tone="error">{t('pick.atRisk')}</Badge> : null}
            </div>
            <Button
              size="sm"
              onClick={() =>
                onPick({
                  region: choice.region,
                  instanceId: choice.instanceId,
                  instanceName: choice.instanceName,
                  keyName: choice.keyName,
                })
              }
            >
              {t('pick.choose', { name })}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
