// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initI18n } from '../lib/i18n';
import { useNavigation } from './navigation-store';
import { moveFocus, Sidebar } from './sidebar';

describe('moveFocus', () => {
  const items = ['a', 'b', 'c'].map((id) => Object.assign(document.createElement('button'), { id }));

  it('moves down and up, wrapping at the ends', () => {
    expect(moveFocus(items, items[0]!, 'ArrowDown')?.id).toBe('b');
    expect(moveFocus(items, items[2]!, 'ArrowDown')?.id).toBe('a');
    expect(moveFocus(items, items[0]!, 'ArrowUp')?.id).toBe('c');
    expect(moveFocus(items, items[1]!, 'Home')?.id).toBe('a');
    expect(moveFocus(items, items[1]!, 'End')?.id).toBe('c');
  });

  it('ignores other keys and focus outside the items', () => {
    expect(moveFocus(items, items[0]!, 'ArrowRight')).toBeUndefined();
    expect(moveFocus(items, document.body, 'ArrowDown')).toBeUndefined();
  });
});

describe('Sidebar', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  afterEach(() => {
    cleanup();
    useNavigation.setState({ page: 'inventory' });
  });

  it('marks the open page and opens another on click', async () => {
    render(<Sidebar />);
    expect(screen.getByRole('button', { name: 'Inventory' }).getAttribute('aria-current')).toBe('page');
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(useNavigation.getState().page).toBe('settings');
    expect(screen.getByRole('button', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('button', { name: 'Inventory' }).getAttribute('aria-current')).toBeNull();
  });

  it('moves focus with the arrow keys and opens with Enter', async () => {
    render(<Sidebar />);
    screen.getByRole('button', { name: 'Inventory' }).focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Convert');
    expect(useNavigation.getState().page).toBe('inventory');
    await userEvent.keyboard('{Enter}');
    expect(useNavigation.getState().page).toBe('converter');
  });
});
