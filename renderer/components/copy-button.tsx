import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { CheckIcon, CopyIcon } from './icons';
import { notify } from './toast';

export interface CopyButtonProps {
  /** What goes on the clipboard (public keys, fingerprints, commands — never private keys). */
  text: string;
  /** Visible label; defaults to "Copy". */
  label?: string;
  /** For an icon-only button: its accessible name ("Copy fingerprint"). */
  iconOnly?: boolean;
  size?: 'md' | 'sm';
}

/** Copies text and confirms with a check mark for two seconds (announced to screen readers). */
export function CopyButton({ text, label, iconOnly = false, size = 'sm' }: CopyButtonProps) {
  const { t } = useTranslation('common');
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      notify({ tone: 'error', title: t('copyFailed') });
    }
  }

  const name = label ?? t('copy');
  return (
    <>
      <Button
        size={size}
        variant="ghost"
        icon={copied ? CheckIcon : CopyIcon}
        onClick={copy}
        aria-label={iconOnly ? name : undefined}
        title={iconOnly ? name : undefined}
        className={copied ? 'copy-button copied' : 'copy-button'}
      >
        {iconOnly ? undefined : copied ? t('copied') : name}
      </Button>
      <span className="visually-hidden" aria-live="polite">
        {copied ? t('copied') : ''}
      </span>
    </>
  );
}
