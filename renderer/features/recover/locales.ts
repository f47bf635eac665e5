import type { FeatureLocales } from '../../lib/locale-types';
import { recoveryErrorLocales } from './error-locales';
import { hostKeyCompareEn, hostKeyCompareJa } from './host-key-locales';
import { journalErrorLocales } from './journal-error-locales';
import { newKeyErrorLocales } from './new-key-error-locales';
import { runEn, runJa } from './run-locales';
import { remoteScriptErrorLocales } from './script-error-locales';
import { runErrorLocales } from './run-error-locales';
import { userDataErrorLocales } from './user-data-error-locales';
import { rescueVolumeErrorLocales } from './rescue-volume-error-locales';
import { tunnelErrorLocales } from './tunnel-error-locales';
import { wizardEn, wizardJa } from './wizard-locales';
import {
  checkNamesEn,
  checkNamesJa,
  findingsEn,
  findingsJa,
  pathsEn,
  pathsJa,
  planEn,
  planJa,
  verdictsEn,
  verdictsJa,
} from './preflight-locales';

/** Strings of the Recover page (namespace `recover`). */
export const locales = {
  en: {
    title: 'Recover SSH access',
    description:
      'Lost the .pem for an instance? KeyRescue checks it, puts a new public key on it through a way in that works, and proves with a fresh login that the new private key works.',
    ...wizardEn,
    ...runEn,
    hostKeyCompare: hostKeyCompareEn,
    checkNames: checkNamesEn,
    findings: findingsEn,
    plan: planEn,
    paths: pathsEn,
    verdicts: verdictsEn,
  },
  ja: {
    title: 'SSH アクセスの復旧',
    description:
      'インスタンスの .pem をなくしましたか？ KeyRescue がインスタンスを調べ、使える方法で新しい公開鍵を追加し、新しい秘密鍵でログインできることを確認します。',
    ...wizardJa,
    ...runJa,
    hostKeyCompare: hostKeyCompareJa,
    checkNames: checkNamesJa,
    findings: findingsJa,
    plan: planJa,
    paths: pathsJa,
    verdicts: verdictsJa,
  },
  errors: {
    en: {
      ...recoveryErrorLocales.en,
      ...remoteScriptErrorLocales.en,
      ...journalErrorLocales.en,
      ...newKeyErrorLocales.en,
      ...runErrorLocales.en,
      ...userDataErrorLocales.en,
      ...rescueVolumeErrorLocales.en,
      ...tunnelErrorLocales.en,
    },
    ja: {
      ...recoveryErrorLocales.ja,
      ...remoteScriptErrorLocales.ja,
      ...journalErrorLocales.ja,
      ...newKeyErrorLocales.ja,
      ...runErrorLocales.ja,
      ...userDataErrorLocales.ja,
      ...rescueVolumeErrorLocales.ja,
      ...tunnelErrorLocales.ja,
    },
  },
} satisfies FeatureLocales;
