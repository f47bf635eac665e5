import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { Button } from './button';
import { Dialog } from './dialog';

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel?: string;
  cancelLabel?: string;
  /** `danger` paints the confirm button red (deleting, stopping an instance). */
  tone?: 'default' | 'danger';
}

interface ConfirmRequest extends ConfirmOptions {
  resolve: (answer: boolean) => void;
}

interface ConfirmState {
  request: ConfirmRequest | null;
}

const useConfirmStore = create<ConfirmState>(() => ({ request: null }));

/**
 * Asks the user a yes/no question in a modal and resolves with the answer. Callable from anywhere,
 * including zustand actions: `if (await confirm({ title, message, tone: 'danger' })) …`.
 * A second request while one is open answers the first with `false`.
 */
export function confirm(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    useConfirmStore.getState().request?.resolve(false);
    useConfirmStore.setState({ request: { ...options, resolve } });
  });
}

function answer(value: boolean): void {
  const { request } = useConfirmStore.getState();
  useConfirmStore.setState({ request: null });
  request?.resolve(value);
}

/** Renders the pending confirmation; mounted once by the shell. */
export function ConfirmHost() {
  const { t } = useTranslation('common');
  const request = useConfirmStore((state) => state.request);
  return (
    <Dialog
      open={request !== null}
      onClose={() => answer(false)}
      role="alertdialog"
      size="sm"
      title={request?.title ?? ''}
      description={request?.message}
      footer={
        <>
          <Button onClick={() => answer(false)} autoFocus>
            {request?.cancelLabel ?? t('cancel')}
          </Button>
          <Button variant={request?.tone === 'danger' ? 'danger' : 'primary'} onClick={() => answer(true)}>
            {request?.confirmLabel ?? t('confirm')}
          </Button>
        </>
      }
    />
  );
}
