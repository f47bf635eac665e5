import type { ReactNode } from 'react';
import type { IconComponent } from './icons';
import './layout.css';

export interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons on the right of the title. */
  actions?: ReactNode;
}

/**
 * The top of every page: one `h1` (focus lands here when a page opens, so it is focusable) and a
 * sentence saying what the page is for.
 */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div className="page-header-text">
        <h1 className="page-title" tabIndex={-1}>
          {title}
        </h1>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

export interface CardProps {
  title?: ReactNode;
  /** Small text beside/below the title. */
  subtitle?: ReactNode;
  icon?: IconComponent;
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
}

/** A bordered surface that groups related content, optionally with a titled header. */
export function Card({ title, subtitle, icon: Icon, actions, children, className }: CardProps) {
  return (
    <section className={className ? `card ${className}` : 'card'}>
      {title ? (
        <header className="card-header">
          {Icon ? (
            <span className="card-icon">
              <Icon size={18} />
            </span>
          ) : null}
          <div className="card-heading">
            <h2 className="card-title">{title}</h2>
            {subtitle ? <p className="card-subtitle">{subtitle}</p> : null}
          </div>
          {actions ? <div className="card-actions">{actions}</div> : null}
        </header>
      ) : null}
      {children ? <div className="card-body">{children}</div> : null}
    </section>
  );
}

export interface BadgeProps {
  tone?: 'neutral' | 'accent' | 'success' | 'warning' | 'error';
  icon?: IconComponent;
  children: ReactNode;
  title?: string;
}

/** A small pill label (status, mode, key type). */
export function Badge({ tone = 'neutral', icon: Icon, children, title }: BadgeProps) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {Icon ? <Icon size={13} /> : null}
      {children}
    </span>
  );
}

/** A two-column list of facts (label → value), e.g. version, platform, fingerprint. */
export function FactList({
  items,
}: {
  items: ReadonlyArray<{ label: ReactNode; value: ReactNode; id?: string }>;
}) {
  return (
    <dl className="fact-list">
      {items.map((item, index) => (
        <div className="fact" key={item.id ?? index} data-fact={item.id}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
