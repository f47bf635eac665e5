import type { FeatureLocales } from '../../lib/locale-types';
import { recoveryErrorLocales } from './error-locales';
import { journalErrorLocales } from './journal-error-locales';
import { newKeyErrorLocales } from './new-key-error-locales';
import { remoteScriptErrorLocales } from './script-error-locales';
import {
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
      'Lost the .pem for an instance? KeyRescue puts a new public key on it, so you can log in again with a new private key.',
    comingSoonTitle: 'Guided recovery is coming soon',
    comingSoonBody:
      'You will pick an instance, KeyRescue will check it without changing anything, recommend the safest way back in, and guide you through it step by step — with a snapshot before anything risky.',
    readFaq: 'Why can’t I download my key again?',
    pathsTitle: 'Ways KeyRescue can get you back in',
    pathsSubtitle: 'From least to most disruptive. Which ones work depends on your instance.',
    targetsTitle_one: 'Instance to recover',
    targetsTitle_other: '{{count}} instances to recover',
    targetsSubtitle: 'Chosen in the inventory because their key pair’s private key was not found.',
    targetFacts: '{{id}} · {{region}} · key pair {{keyName}}',
    findings: findingsEn,
    plan: planEn,
    paths: pathsEn,
    verdicts: verdictsEn,
  },
  ja: {
    title: 'SSH アクセスの復旧',
    description:
      'インスタンスの .pem をなくしましたか？ KeyRescue が新しい公開鍵をインスタンスに追加し、新しい秘密鍵で再びログインできるようにします。',
    comingSoonTitle: 'ガイド付きの復旧は準備中です',
    comingSoonBody:
      'インスタンスを選ぶと、KeyRescue が何も変更せずに状態を調べ、最も安全な方法を勧めて、手順を一つずつ案内します。リスクのある操作の前には必ずスナップショットを取ります。',
    readFaq: '鍵を再ダウンロードできない理由',
    pathsTitle: 'KeyRescue がログインを取り戻す方法',
    pathsSubtitle: '影響の小さい順です。使える方法はインスタンスによって異なります。',
    targetsTitle_other: '復旧するインスタンス（{{count}} 台）',
    targetsSubtitle: 'キーペアの秘密鍵が見つからないため、キーペア一覧で選ばれたインスタンスです。',
    targetFacts: '{{id}} · {{region}} · キーペア {{keyName}}',
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
    },
    ja: {
      ...recoveryErrorLocales.ja,
      ...remoteScriptErrorLocales.ja,
      ...journalErrorLocales.ja,
      ...newKeyErrorLocales.ja,
    },
  },
} satisfies FeatureLocales;
