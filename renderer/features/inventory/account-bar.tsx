import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { CloudIcon, FlaskIcon } from '../../components/icons';
import { Badge } from '../../components/layout';
import { Select } from '../../components/field';
import { useErrorText } from '../../lib/errors';
import { EndpointDialog } from './endpoint-dialog';
import { useInventoryStore } from './inventory-store';

/** Which account the inventory reads, whose it is (STS), and the refresh button. */
export function AccountBar() {
  const { t } = useTranslation('inventory');
  const errorText = useErrorText();
  const accounts = useInventoryStore((state) => state.accounts);
  const activeId = useInventoryStore((state) => state.activeId);
  const identity = useInventoryStore((state) => state.identity);
  const identityError = useInventoryStore((state) => state.identityError);
  const status = useInventoryStore((state) => state.status);
  const selectAccount = useInventoryStore((state) => state.selectAccount);
  const refresh = useInventoryStore((state) => state.refresh);
  const reloadAccounts = useInventoryStore((state) => state.reloadAccounts);
  const [editingEndpoint, setEditingEndpoint] = useState(false);
  const active = accounts.find((account) => account.id === activeId);
  const busy = status === 'loading' || status === 'refreshing';

  return (
    <div className="inventory-account-bar">
      <label className="inventory-account-select">
        <span className="field-label">{t('account.label')}</span>
        <Select
          value={activeId ?? ''}
          onChange={(event) => void selectAccount(event.target.value)}
          disabled={busy && !activeId}
        >
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.kind === 'practice'
                ? t('account.practice')
                : account.kind === 'environment'
                  ? t('account.environment')
                  : account.label}
              {account.profileKind ? ` — ${t(`account.kinds.${account.profileKind}`)}` : ''}
            </option>
          ))}
        </Select>
      </label>
      <div className="inventory-account-facts" aria-live="polite">
        {active?.kind === 'practice' ? (
          <Badge tone="warning" icon={FlaskIcon}>
            {t('account.practiceBadge')}
          </Badge>
        ) : (
          <Badge icon={CloudIcon}>{t('account.awsBadge')}</Badge>
        )}
        {identity ? (
          <span className="inventory-identity" data-testid="account-identity">
            {t('account.identity', { accountId: identity.accountId })} <code>{identity.arn}</code>
          </span>
        ) : identityError ? (
          <span className="inventory-identity-error" role="alert">
            {errorText(identityError)}
          </span>
        ) : null}
        {active?.endpoint ? (
          <span className="inventory-endpoint">{t('account.endpoint', { endpoint: active.endpoint })}</span>
        ) : null}
      </div>
      {active && active.kind !== 'practice' ? (
        <Button size="sm" variant="ghost" onClick={() => setEditingEndpoint(true)}>
          {t('endpoint.button')}
        </Button>
      ) : null}
      <Button variant="secondary" onClick={() => void refresh()} busy={busy}>
        {busy ? t('refreshing') : t('refresh')}
      </Button>
      {editingEndpoint && active ? (
        <EndpointDialog
          account={active}
          onClose={() => setEditingEndpoint(false)}
          onSaved={() => {
            setEditingEndpoint(false);
            void reloadAccounts().then(() => refresh());
          }}
        />
      ) : null}
    </div>
  );
}
