// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initI18n } from '../lib/i18n';
import { Button } from './button';
import { confirm, ConfirmHost } from './confirm';
import { CopyButton } from './copy-button';
import { EmptyState } from './empty-state';
import { Field, Input } from './field';
import { Notice } from './notice';
import { Segmented } from './segmented';
import { ProgressBar } from './spinner';
import { dismiss, notify, Toaster } from './toast';

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => cleanup());

describe('Button', () => {
  it('is a non-submitting button that disables itself while busy', async () => {
    let clicks = 0;
    const { rerender } = render(<Button onClick={() => clicks++}>Save</Button>);
    const button = screen.getByRole('button', { name: 'Save' });
    expect(button.getAttribute('type')).toBe('button');
    await userEvent.click(button);
    expect(clicks).toBe(1);
    rerender(
      <Button busy onClick={() => clicks++}>
        Save
      </Button>,
    );
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    await userEvent.click(button);
    expect(clicks).toBe(1);
  });
});

describe('Field', () => {
  it('links the label, hint and error to the control', () => {
    render(
      <Field label="Key name" hint="Letters and digits" error="Name is taken">
        {(props) => <Input {...props} defaultValue="prod" />}
      </Field>,
    );
    const input = screen.getByLabelText('Key name');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['Name is taken', 'Letters and digits']);
  });

  it('leaves a valid control unmarked', () => {
    render(<Field label="Comment">{(props) => <Input {...props} />}</Field>);
    const input = screen.getByLabelText('Comment');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
  });
});

describe('confirm', () => {
  it('resolves true when confirmed and false when cancelled', async () => {
    render(<ConfirmHost />);
    let answer: Promise<boolean> = Promise.resolve(false);
    act(() => {
      answer = confirm({
        title: 'Delete key pair?',
        message: 'This cannot be undone.',
        confirmLabel: 'Delete',
        tone: 'danger',
      });
    });
    expect(await screen.findByText('Delete key pair?')).toBeTruthy();
    expect(screen.getByText('This cannot be undone.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await answer).toBe(true);

    act(() => {
      answer = confirm({ title: 'Stop instance?', message: 'Its public IP will change.' });
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await answer).toBe(false);
  });

  it('answers an earlier question with false when a new one replaces it', async () => {
    render(<ConfirmHost />);
    let first: Promise<boolean> = Promise.resolve(true);
    let second: Promise<boolean> = Promise.resolve(false);
    act(() => {
      first = confirm({ title: 'First', message: 'one' });
      second = confirm({ title: 'Second', message: 'two' });
    });
    expect(await first).toBe(false);
    await userEvent.click(await screen.findByRole('button', { name: 'Confirm' }));
    expect(await second).toBe(true);
  });
});

describe('toasts', () => {
  it('shows a notice until it is dismissed', async () => {
    render(<Toaster />);
    act(() => {
      notify({ tone: 'error', title: 'Could not save', message: 'Disk full' });
    });
    expect(screen.getByText('Could not save')).toBeTruthy();
    expect(screen.getByText('Disk full')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('Could not save')).toBeNull();
  });

  it('keeps only the newest four', () => {
    render(<Toaster />);
    const ids: number[] = [];
    act(() => {
      for (let i = 1; i <= 6; i++) ids.push(notify({ title: `Notice ${i}`, timeoutMs: 0 }));
    });
    expect(
      screen.getAllByRole('listitem').map((item) => item.querySelector('.toast-title')?.textContent),
    ).toEqual(['Notice 3', 'Notice 4', 'Notice 5', 'Notice 6']);
    act(() => ids.forEach(dismiss));
  });
});

describe('CopyButton', () => {
  it('puts the text on the clipboard and says so', async () => {
    const user = userEvent.setup();
    render(<CopyButton text="SHA256:abc" />);
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('SHA256:abc');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
  });
});

describe('Segmented', () => {
  it('is a radio group that reports the chosen value', async () => {
    const chosen: string[] = [];
    render(
      <Segmented
        legend="Theme"
        value="system"
        options={[
          { value: 'system', label: 'System' },
          { value: 'dark', label: 'Dark' },
        ]}
        onChange={(value) => chosen.push(value)}
      />,
    );
    expect(screen.getByRole('group', { name: 'Theme' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'System' }) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(chosen).toEqual(['dark']);
  });
});

describe('ProgressBar, Notice, EmptyState', () => {
  it('shows determinate progress with a count', () => {
    render(<ProgressBar label="Scanning regions" done={3} total={17} showCount />);
    const bar = screen.getByLabelText('Scanning regions') as HTMLProgressElement;
    expect(bar.value).toBe(3);
    expect(bar.max).toBe(17);
    expect(screen.getByText('3 of 17')).toBeTruthy();
  });

  it('announces error notices but not others', () => {
    render(
      <>
        <Notice tone="error" title="Failed" />
        <Notice tone="info" title="FYI" />
      </>,
    );
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByRole('alert').textContent).toBe('Failed');
  });

  it('renders an empty state with its title and actions', () => {
    render(<EmptyState title="No keys yet" actions={<Button>Add a folder</Button>} />);
    expect(screen.getByRole('heading', { name: 'No keys yet' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add a folder' })).toBeTruthy();
  });
});
