/**
 * Japanese texts of the recovery journal's error codes (src/recovery/journal/journal-errors.ts);
 * the English text is each error's own message. Placeholders are the errors' `details`.
 */
export const journalErrorLocales = {
  en: {},
  ja: {
    'journal.corrupt':
      '復旧の記録 {{path}} は {{line}} 行目が壊れています。記録はそのままにしてあります。インスタンスの状態を手動で確認してください。',
    'journal.notFound': '復旧の記録 {{id}} はありません。',
    'journal.invalidId': '{{id}} は復旧 ID ではありません。',
    'journal.invalidEntry':
      '復旧の記録に書けない内容が含まれていたため、何も書き込んでいません（秘密情報は記録しません）。',
    'journal.outOfOrder': '復旧の記録 {{id}} の手順の順序が正しくないため、何も書き込んでいません。',
    'journal.tooLarge': '復旧の記録 {{id}} は上限に達しているか、KeyRescue が書いた記録ではありません。',
  },
};
