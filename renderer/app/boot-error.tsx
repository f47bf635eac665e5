import { useTranslation } from 'react-i18next';
import { AppLogo } from '../components/app-logo';
import { Button } from '../components/button';
import { Spinner } from '../components/spinner';
import { useErrorText } from '../lib/errors';
import { useAppStore } from './app-store';

/** Shown instead of the shell while loading or when the window cannot reach main. */
export function BootError() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const status = useAppStore((state) => state.status);
  const loadError = useAppStore((state) => state.loadError);
  const load = useAppStore((state) => state.load);

  if (status !== 'failed') {
    return (
      <div className="boot">
        <Spinner size={28} />
      </div>
    );
  }
  return (
    <div className="boot">
      <div className="boot-card" role="alert">
        <AppLogo size={40} />
        <h1 className="boot-title">{t('boot.failedTitle')}</h1>
        <p className="boot-body">{t('boot.failedBody')}</p>
        <p className="boot-detail">{errorText(loadError)}</p>
        <Button variant="primary" onClick={() => void load()}>
          {t('boot.retry')}
        </Button>
      </div>
    </div>
  );
}
