import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from './navigation-store';
import { pages, type PageDefinition } from './pages';

const groups: ReadonlyArray<{ id: PageDefinition['group']; titleKey?: string }> = [
  { id: 'keys', titleKey: 'nav.keys' },
  { id: 'access', titleKey: 'nav.access' },
  { id: 'app' },
];

/**
 * Moves focus between sidebar items with the arrow keys, Home and End (Tab still works as usual).
 * Focus moves without opening the page; Enter or Space opens it, as on any button.
 */
export function moveFocus(
  items: readonly HTMLElement[],
  current: Element | null,
  key: string,
): HTMLElement | undefined {
  const index = items.findIndex((item) => item === current);
  if (index < 0) return undefined;
  const last = items.length - 1;
  const next = {
    ArrowDown: index === last ? 0 : index + 1,
    ArrowUp: index === 0 ? last : index - 1,
    Home: 0,
    End: last,
  }[key];
  return next === undefined ? undefined : items[next];
}

/** The app's main navigation: grouped page buttons, the open one marked `aria-current="page"`. */
export function Sidebar({ footer }: { footer?: React.ReactNode }) {
  const { t } = useTranslation();
  const current = useNavigation((state) => state.page);
  const navigate = useNavigation((state) => state.navigate);
  const navRef = useRef<HTMLElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const items = Array.from(navRef.current?.querySelectorAll<HTMLElement>('[data-nav-item]') ?? []);
    const target = moveFocus(items, document.activeElement, event.key);
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }

  return (
    <nav className="sidebar" aria-label={t('nav.label')} ref={navRef} onKeyDown={onKeyDown}>
      {groups.map((group) => (
        <div key={group.id} className={`nav-group nav-group-${group.id}`}>
          {group.titleKey ? (
            <p className="nav-group-title" id={`nav-group-${group.id}`}>
              {t(group.titleKey)}
            </p>
          ) : null}
          <ul className="nav-list" aria-labelledby={group.titleKey ? `nav-group-${group.id}` : undefined}>
            {pages
              .filter((page) => page.group === group.id)
              .map(({ id, labelKey, icon: Icon }) => (
                <li key={id}>
                  <button
                    type="button"
                    className="nav-item"
                    data-nav-item={id}
                    aria-current={current === id ? 'page' : undefined}
                    onClick={() => navigate(id)}
                  >
                    <Icon size={18} className="nav-icon" />
                    <span className="nav-label">{t(labelKey)}</span>
                  </button>
                </li>
              ))}
          </ul>
        </div>
      ))}
      {footer ? <div className="sidebar-footer">{footer}</div> : null}
    </nav>
  );
}
