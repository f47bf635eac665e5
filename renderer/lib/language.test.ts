import { describe, expect, it } from 'vitest';
import { detectLanguage, resolveLanguage } from './language';

describe('detectLanguage', () => {
  it('picks Japanese for any ja tag', () => {
    expect(detectLanguage(['ja-JP'])).toBe('ja');
    expect(detectLanguage(['ja'])).toBe('ja');
    expect(detectLanguage(['JA_jp'])).toBe('ja');
  });

  it('takes the first supported language in preference order', () => {
    expect(detectLanguage(['fr-FR', 'ja-JP', 'en-US'])).toBe('ja');
    expect(detectLanguage(['en-GB', 'ja-JP'])).toBe('en');
  });

  it('falls back to English when nothing matches', () => {
    expect(detectLanguage(['de-DE', 'fr'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
    // "jam" is not Japanese: only the primary subtag counts.
    expect(detectLanguage(['jam'])).toBe('en');
  });
});

describe('resolveLanguage', () => {
  it('prefers the chosen language over the system', () => {
    expect(resolveLanguage('en', ['ja-JP'])).toBe('en');
    expect(resolveLanguage('ja', ['en-US'])).toBe('ja');
  });

  it('follows the system when nothing is chosen', () => {
    expect(resolveLanguage(null, ['ja-JP'])).toBe('ja');
    expect(resolveLanguage(null, ['en-US'])).toBe('en');
  });
});
