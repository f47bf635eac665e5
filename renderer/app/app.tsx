import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmHost } from '../components/confirm';
import { Toaster } from '../components/toast';
import { MfaPrompt } from '../features/accounts/mfa-prompt';
import { subscribeKeyPairChanges } from '../features/inventory/inventory-store';
import { BootError } from './boot-error';
import { useAppStore, subscribeAppStore } from './app-store';
import { PageErrorBoundary } from './error-boundary';
import { useNavigation } from './navigation-store';
import { pageById } from './pages';
import { Sidebar } from './sidebar';
import { useAppliedTheme } from './theme';
import { TitleBar } from './title-bar';
import { useLanguageSync } from './use-language-sync';
import './shell.css';

/** The whole window: title bar, sidebar, the open page, and the hosts for notices and confirmations. */
export function App() {
  const status = useAppStore((state) => state.status);
  const info = useAppStore((state) => state.info);
  const settings = useAppStore((state) => state.settings);

  // Only once main answered: without a bridge there is nothing to subscribe to (the boot screen shows why).
  useEffect(() => (status === 'ready' ? subscribeAppStore() : undefined), [status]);
  useEffect(() => (status === 'ready' ? subscribeKeyPairChanges() : undefined), [status]);
  useAppliedTheme(settings?.theme ?? 'system');
  useLanguageSync(settings?.language ?? null);

  if (status === 'failed' || !info || !settings) return <BootError />;
  return <Shell info={info} />;
}

function Shell({ info }: { info: NonNullable<ReturnType<typeof useAppStore.getState>['info']> }) {
  const { t } = useTranslation();
  const pageId = useNavigation((state) => state.page);
  const page = pageById(pageId);
  const mainRef = useRef<HTMLElement>(null);
  const Page = page.component;

  useEffect(() => {
    document.title = `${t(page.labelKey)} — ${t('appName')}`;
  }, [page.labelKey, t]);

  useEffect(() => {
    // Lets the e2e harness (and anyone else) know the first real paint happened.
    document.documentElement.dataset.appReady = 'true';
  }, []);

  useEffect(() => {
    // A new page starts at the top, not where the previous one was scrolled to.
    mainRef.current?.scrollTo?.({ top: 0 });
  }, [pageId]);

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          // The page heading when the page has one (it is focusable), else the main region itself.
          const heading = mainRef.current?.querySelector<HTMLElement>('h1[tabindex]');
          (heading ?? mainRef.current)?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <TitleBar info={info} />
      <div className="shell-body">
        <Sidebar
          footer={<span className="sidebar-version">{t('version', { version: info.version })}</span>}
        />
        <main id="main" className="content" ref={mainRef} data-page={pageId} tabIndex={-1}>
          <div className={page.wide ? 'content-inner content-inner-wide' : 'content-inner'}>
            <PageErrorBoundary key={pageId}>
              <Page />
            </PageErrorBoundary>
          </div>
        </main>
      </div>
      <Toaster />
      <ConfirmHost />
      {/* Any page may need an account's MFA code, so the prompt lives in the shell. */}
      <MfaPrompt />
    </div>
  );
}
