import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button } from '../components/button';
import { Notice } from '../components/notice';
import { i18n } from '../lib/i18n';

interface State {
  error: unknown;
}

/**
 * Contains a crash to the page that had it, so the sidebar keeps working. The shell keys it by page,
 * so opening another page resets it. The message is shown (folded) for bug reports; it never holds
 * secrets because renderer state never does.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Page crashed', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div data-testid="page-error">
        <Notice
          tone="error"
          title={i18n.t('pageError.title')}
          actions={
            <Button onClick={() => this.setState({ error: null })}>{i18n.t('pageError.retry')}</Button>
          }
        >
          <p>{i18n.t('pageError.body')}</p>
          <details className="page-error-details">
            <summary>{i18n.t('pageError.details')}</summary>
            <code>{error instanceof Error ? error.message : String(error)}</code>
          </details>
        </Notice>
      </div>
    );
  }
}
