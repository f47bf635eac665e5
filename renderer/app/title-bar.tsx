import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../src/ipc/contracts/app';
import { AppLogo } from '../components/app-logo';
import { CloudIcon, FlaskIcon } from '../components/icons';

/** The window header: the app's mark and name, and which account the app is working on. */
export function TitleBar({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const sandbox = info.mode === 'sandbox';
  return (
    <header className="titlebar">
      <div className="titlebar-brand">
        <AppLogo size={26} />
        <span className="titlebar-name">{info.name}</span>
      </div>
      <div className="titlebar-status">
        <span
          className={sandbox ? 'account-badge account-sandbox' : 'account-badge account-aws'}
          data-testid="account-mode"
          title={t(sandbox ? 'account.sandboxHint' : 'account.awsHint')}
        >
          {sandbox ? <FlaskIcon size={14} /> : <CloudIcon size={14} />}
          {t(sandbox ? 'account.sandbox' : 'account.aws')}
        </span>
      </div>
    </header>
  );
}
