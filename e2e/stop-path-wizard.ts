import { expect, type Page } from '@playwright/test';

/**
 * The wizard's way to a stop-path run on the demo's lost-key instance (legacy-app), shared by the
 * specs that run one: from the at-risk banner to the path screen, the path picked, the consent typed.
 */

/** From the at-risk banner to the path screen, with the checks done. */
export async function toPathScreen(page: Page): Promise<void> {
  const banner = page.getByRole('alert').filter({ hasText: '1 key pair is at risk' });
  await banner.getByRole('button', { name: 'Recover access…' }).click();
  await expect(page.getByTestId('recover-findings')).toContainText('The instance is running.', {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** On the path screen: the rescue volume path with ops-box (same zone, SSM) as the rescue instance. */
export async function chooseRescueVolume(page: Page): Promise<void> {
  await page.getByRole('radio', { name: /Rescue volume/ }).check();
  await expect(page.getByTestId('recover-blockers')).toHaveText('Choose the rescue instance.');
  const picker = page.getByLabel('Rescue instance');
  await picker.selectOption({
    label: (await picker.locator('option', { hasText: 'ops-box' }).textContent()) ?? '',
  });
  await expect(page.getByRole('radio', { name: /SSM Run Command/ })).toBeChecked();
}

/** Types the instance's name where the confirm screen asks, and starts. */
export async function confirmAndStart(page: Page): Promise<void> {
  const start = page.getByRole('button', { name: 'Start recovery' });
  await expect(start).toBeDisabled();
  await page.getByLabel(/^Type legacy-app or i-[0-9a-f]+ to confirm the downtime$/).fill('legacy-app');
  await expect(start).toBeEnabled();
  await start.click();
}
