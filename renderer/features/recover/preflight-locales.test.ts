import { describe, expect, it } from 'vitest';
import {
  findingCodes,
  planReasonCodes,
  preflightCheckIds,
  recoveryPathIds,
} from '../../../src/ipc/contracts/recovery';
import { i18n, initI18n } from '../../lib/i18n';
import { findingTexts, planReasonTexts } from '../../../src/recovery/preflight/finding-texts';
import { locales } from './locales';

// Every preflight finding and plan reason code the core sends has both languages here, with the
// same placeholders as the English (one table, src/ipc/contracts/recovery-texts.ts, for CLI and UI).

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]).sort();

describe('preflight texts', () => {
  const tables = [
    ['findings', findingCodes, findingTexts, locales.en.findings, locales.ja.findings],
    ['plan', planReasonCodes, planReasonTexts, locales.en.plan, locales.ja.plan],
  ] as const;

  it.each(tables)(
    '%s: every code has English and Japanese, and nothing else is there',
    (_name, codes, core, en, ja) => {
      expect(Object.keys(en).sort()).toEqual([...codes].sort());
      expect(Object.keys(ja).sort()).toEqual([...codes].sort());
      expect(Object.keys(core).sort()).toEqual([...codes].sort());
    },
  );

  it.each(tables)('%s: Japanese has the same placeholders as the English', (_name, codes, core, en, ja) => {
    for (const code of codes) {
      const english = (en as Record<string, string>)[code] ?? '';
      expect(english, code).not.toBe('');
      expect(placeholders((ja as Record<string, string>)[code] ?? ''), code).toEqual(placeholders(english));
    }
  });

  it('names every check in both languages, under the id the checklist looks up', async () => {
    await initI18n('en');
    const names = (language: 'en' | 'ja') =>
      preflightCheckIds.map((id) => i18n.getFixedT(language, 'recover')(`checkNames.${id}`));
    expect(names('en')).toEqual([
      'Who you are signed in as (STS)',
      'Instance facts',
      'Key saved by AWSSupport-ResetAccess',
      'Stop and termination protection',
      'Login user and EC2 Instance Connect (from the image)',
      'SSH from this computer (security groups, network ACL)',
      'Systems Manager',
      'Permissions the recovery paths need',
      'Key pair’s private key in Parameter Store',
    ]);
    expect(names('ja')).toEqual([
      'サインイン中の ID（STS）',
      'インスタンスの情報',
      'AWSSupport-ResetAccess が保存した鍵',
      '停止保護と終了保護',
      'ログインユーザーと EC2 Instance Connect（イメージから判断）',
      'このコンピューターからの SSH（セキュリティグループ、ネットワーク ACL）',
      'Systems Manager',
      '各復旧方法に必要な権限',
      'Parameter Store に保存されたキーペアの秘密鍵',
    ]);
  });

  it('names every path in both languages', () => {
    expect(Object.keys(locales.en.paths).sort()).toEqual([...recoveryPathIds].sort());
    expect(Object.keys(locales.ja.paths).sort()).toEqual([...recoveryPathIds].sort());
  });
});
