import type { ComponentType } from 'react';
import {
  ConvertIcon,
  HelpIcon,
  KeyPlusIcon,
  LayersIcon,
  LifeBuoyIcon,
  SettingsIcon,
  type IconComponent,
} from '../components/icons';
import { AboutPage } from '../features/about/about-page';
import { ConverterPage } from '../features/converter/converter-page';
import { InventoryPage } from '../features/inventory/inventory-page';
import { NewKeyPage } from '../features/new-key/new-key-page';
import { RecoverPage } from '../features/recover/recover-page';
import { SettingsPage } from '../features/settings/settings-page';
import type { PageId } from './navigation-store';

/** One sidebar entry and the page it opens. */
export interface PageDefinition {
  id: PageId;
  /** Key in the `app` namespace for the sidebar label. */
  labelKey: string;
  icon: IconComponent;
  component: ComponentType;
  /** Sidebar group: key tools, access recovery, or the app itself (pinned to the bottom). */
  group: 'keys' | 'access' | 'app';
  /** A data page (tables beside details) that uses the window's full width instead of a reading column. */
  wide?: boolean;
}

/** The sidebar, in order. A feature replaces its page component; it does not touch this list. */
export const pages: readonly PageDefinition[] = [
  {
    id: 'inventory',
    labelKey: 'nav.inventory',
    icon: LayersIcon,
    component: InventoryPage,
    group: 'keys',
    wide: true,
  },
  { id: 'new-key', labelKey: 'nav.newKey', icon: KeyPlusIcon, component: NewKeyPage, group: 'keys' },
  { id: 'converter', labelKey: 'nav.converter', icon: ConvertIcon, component: ConverterPage, group: 'keys' },
  { id: 'recover', labelKey: 'nav.recover', icon: LifeBuoyIcon, component: RecoverPage, group: 'access' },
  { id: 'settings', labelKey: 'nav.settings', icon: SettingsIcon, component: SettingsPage, group: 'app' },
  { id: 'about', labelKey: 'nav.about', icon: HelpIcon, component: AboutPage, group: 'app' },
];

export function pageById(id: PageId): PageDefinition {
  const page = pages.find((candidate) => candidate.id === id);
  if (!page) throw new Error(`Unknown page: ${id}`);
  return page;
}
