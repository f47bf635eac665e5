import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { CloudIcon, FlaskIcon } from '../../components/icons';
import { Badge } from '../../components/layout';
import { Select } from '../../components/field';
import { Notice } from '../../components/notice';
import { useErrorText } from '../../lib/errors';
import { useAccountsStore } from './accounts-store';
import { EndpointDialog } from './endpoint-dialog';
import './accounts.css';

/** An ARN or URL may wrap after its `:` and `/` separators, never inside a name. */
function withBreaks(text: string): ReactNode[] {
  return text.split(/(?<=[:/])/).flatMap((part, index) => (index ? [<wbr key={index} />, part] : [part]));
}

/**
 * Which account the page works on, whose it is (STS), and its endpoint. Every page that reads or
 * changes AWS shows it; `actions` holds the page's own buttons (the inventory's Refresh).
 */
export function AccountBar({ actions }: { actions?: ReactNode }) {
  const { t } = useTranslation('accounts');
  const errorText = useErrorText();
  const { accounts, activeId, status, error, switching, generation, identity, identityError } =
    useAccountsStore(
      useShallow((state) => ({
        accounts: state.accounts,
        activeId: state.activeId,
        status: state.status,
        error: state.error,
        switching: state.switching,
        generation: state.generation,
        identity: state.identity,
        identityError: state.identityError,
      })),
    );
  const { load, select, loadIdentity } = useAccountsStore(
    useShallow((state) => ({ load: state.load, select: state.select, loadIdentity: state.loadIdentity })),
  );
  const [editingEndpoint, setEditingEndpoint] = useState(false);
  const active = accounts.find((account) => account.id === activeId);

  useEffect(() => {
    void load();
  }, [load]);
  // Who the account is, once per account (a switch or an endpoint change asks again).
  useEffect(() => {
    if (status === 'ready') void loadIdentity();
  }, [status, generation, loadIdentity]);

  return (
    <div className="account-bar">
      <label className="account-bar-select">
        <span className="field-label">{t('label')}</span>
        <Select
          value={activeId ?? ''}
          onChange={(event) => void select(event.target.value)}
          disabled={switching || status !== 'ready'}
        >
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.kind === 'practice'
                ? t('practice')
                : account.kind === 'environment'
                  ? t('environment')
                  : account.label}
              {account.profileKind ? ` — ${t(`kinds.${account.profileKind}`)}` : ''}
            </option>
          ))}
        </Select>
      </label>
      <div className="account-bar-facts" aria-live="polite">
        {active?.kind === 'practice' ? (
          <Badge tone="warning" icon={FlaskIcon}>
            {t('practiceBadge')}
          </Badge>
        ) : active ? (
          <Badge icon={CloudIcon}>{t('awsBadge')}</Badge>
        ) : null}
        {identity ? (
          <span className="account-bar-identity" data-testid="account-identity">
            {t('identity', { accountId: identity.accountId })} <code>{withBreaks(identity.arn)}</code>
          </span>
        ) : identityError ? (
          <span className="account-bar-identity-error" role="alert">
            {errorText(identityError)}
          </span>
        ) : null}
        {active?.endpoint ? (
          <span className="account-bar-endpoint">
            {t('endpoint.current')} <code>{withBreaks(active.endpoint)}</code>
          </span>
        ) : null}
      </div>
      {active && active.kind !== 'practice' ? (
        <Button size="sm" variant="ghost" onClick={() => setEditingEndpoint(true)}>
          {t('endpoint.button')}
        </Button>
      ) : null}
      {actions}
      {error ? (
        <Notice tone="error" title={t(status === 'failed' ? 'loadFailed' : 'switchFailed')}>
          <p>{errorText(error)}</p>
        </Notice>
      ) : null}
      {editingEndpoint && active ? (
        <EndpointDialog account={active} onClose={() => setEditingEndpoint(false)} />
      ) : null}
    </div>
  );
}
