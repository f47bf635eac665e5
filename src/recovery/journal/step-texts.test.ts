import { describe, expect, it } from 'vitest';
import { stepTextSchema } from './journal-schema';
import { placeholdersOf, renderStepText, stepPhrase, stepText, stepTextKeys, stepTexts } from './step-texts';

describe('step texts', () => {
  it('every key has English and Japanese with the same {params}', () => {
    expect(stepTextKeys.length).toBeGreaterThan(40);
    const mismatched = stepTextKeys.filter((key) => {
      const { en, ja } = stepTexts[key];
      return !en || !ja || en === ja || placeholdersOf(en).join() !== placeholdersOf(ja).join();
    });
    expect(mismatched).toEqual([]);
  });

  it('the Japanese uses full-width punctuation (no ASCII brackets, commas or semicolons)', () => {
    const halfWidth = stepTextKeys.filter((key) => /[(),;]|\.\s|\.$/.test(stepTexts[key].ja));
    expect(halfWidth).toEqual([]);
  });

  it('renders a sentence with a phrase inside, in each language', () => {
    const text = stepText('appendKey.does', { user: 'ec2-user', via: stepPhrase('via.ssm') });
    expect(renderStepText(text, 'en')).toBe(
      "Appends the new public key to ec2-user's authorized_keys through SSM Run Command.",
    );
    expect(renderStepText(text, 'ja')).toBe(
      'SSM Run Command を使って ec2-user の authorized_keys に新しい公開鍵を追加します。',
    );
  });

  it('the journal takes a text only with exactly its params, short and with nothing key-like', () => {
    expect(stepTextSchema.safeParse(stepText('verify.does', { user: 'ec2-user' })).success).toBe(true);
    const refused = [
      { key: 'verify.does' },
      { key: 'verify.does', params: { user: 'ec2-user', extra: 'x' } },
      { key: 'verify.does', params: { user: 'x'.repeat(301) } },
      { key: 'verify.does', params: { user: 'A'.repeat(60) } },
      { key: 'verify.does', params: { user: '-----BEGIN OPENSSH PRIVATE KEY-----' } },
      { key: 'no.such.key' },
      { key: 'appendKey.does', params: { user: 'u', via: { key: 'via.ssm', params: { x: 'y' } } } },
    ];
    expect(refused.map((text) => stepTextSchema.safeParse(text).success)).toEqual(refused.map(() => false));
  });
});
