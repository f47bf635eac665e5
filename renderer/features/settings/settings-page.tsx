import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../app/app-store';
import {
  GlobeIcon,
  InfoIcon,
  MonitorIcon,
  MoonIcon,
  SlidersIcon,
  SunIcon,
  type IconComponent,
} from '../../components/icons';
import { Badge, Card, FactList, PageHeader } from '../../components/layout';
import { Segmented } from '../../components/segmented';
import { detectLanguage, systemLanguages, type Language } from '../../lib/language';
import type { ReactNode } from 'react';
import './settings.css';

type LanguageChoice = Language | 'system';

/** Each language named in itself, so a user who cannot read the current UI still finds theirs. */
const languageNames: Record<Language, string> = { en: 'English', ja: '日本語' };

/** Language, theme, and what this installation is (from `app:info`). */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  const settings = useAppStore((state) => state.settings);
  const info = useAppStore((state) => state.info);
  const updateSettings = useAppStore((state) => state.updateSettings);
  if (!settings || !info) return null;

  const systemLanguage = languageNames[detectLanguage(systemLanguages())];
  const languageChoice: LanguageChoice = settings.language ?? 'system';

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="settings-stack">
        <Card icon={SlidersIcon} title={t('general.title')} subtitle={t('general.subtitle')}>
          <div className="setting-rows">
            <SettingRow icon={GlobeIcon} title={t('language.title')} description={t('language.subtitle')}>
              <Segmented<LanguageChoice>
                legend={t('language.title')}
                hideLegend
                value={languageChoice}
                options={[
                  { value: 'system', label: t('language.system', { language: systemLanguage }) },
                  { value: 'en', label: languageNames.en },
                  { value: 'ja', label: languageNames.ja },
                ]}
                onChange={(choice) => void updateSettings({ language: choice === 'system' ? null : choice })}
              />
            </SettingRow>
            <SettingRow icon={SunIcon} title={t('theme.title')} description={t('theme.subtitle')}>
              <Segmented
                legend={t('theme.title')}
                hideLegend
                value={settings.theme}
                options={[
                  { value: 'system', label: t('theme.system'), icon: MonitorIcon },
                  { value: 'light', label: t('theme.light'), icon: SunIcon },
                  { value: 'dark', label: t('theme.dark'), icon: MoonIcon },
                ]}
                onChange={(theme) => void updateSettings({ theme })}
              />
            </SettingRow>
          </div>
        </Card>

        <Card icon={InfoIcon} title={t('about.title')} subtitle={t('about.subtitle')}>
          <FactList
            items={[
              { id: 'name', label: t('about.name'), value: info.name },
              { id: 'version', label: t('about.version'), value: info.version },
              {
                id: 'platform',
                label: t('about.platform'),
                value: `${platformNames[info.platform] ?? info.platform} (${info.arch})`,
              },
              {
                id: 'mode',
                label: t('about.mode'),
                value: (
                  <Badge tone={info.mode === 'sandbox' ? 'warning' : 'neutral'}>
                    {t(info.mode === 'sandbox' ? 'about.modeSandbox' : 'about.modeAws')}
                  </Badge>
                ),
              },
              { id: 'runtime', label: t('about.runtime'), value: t(`about.runtimes.${info.runtime}`) },
            ]}
          />
        </Card>
      </div>
    </>
  );
}

const platformNames: Partial<Record<string, string>> = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' };

/** One setting: what it is on the left, its control on the right. */
function SettingRow({
  icon: Icon,
  title,
  description,
  children,
}: {
  icon: IconComponent;
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <div className="setting-row">
      <Icon size={18} className="setting-row-icon" />
      <div className="setting-row-text">
        <p className="setting-row-title">{title}</p>
        <p className="setting-row-description">{description}</p>
      </div>
      <div className="setting-row-control">{children}</div>
    </div>
  );
}
