import { parseArgs } from 'node:util';
import type { PreflightResultDto } from '../../ipc/contracts/recovery';
import { pathNameTextsJa, planReasonTextsJa, verdictTextsJa } from '../../ipc/contracts/recovery-texts-ja';
import { planReasonTexts, fillTemplate } from '../../recovery/preflight/finding-texts';
import { UsageError, type CliCommand } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { awsCliOptions, awsCliUsage, resolveCliAccount } from './aws-options';
import { findingLine, followCliPreflight, type CliLanguage } from './preflight-lines';

const verdictLabels = { advised: 'ADVISED', possible: 'possible', notPossible: 'not possible' } as const;
const pathNames = {
  ssh: 'Another working login',
  eic: 'EC2 Instance Connect',
  ssm: 'Systems Manager Run Command',
  userData: 'User data (stop and start)',
  rescueVolume: 'Rescue volume (stop, edit the root volume)',
} as const;

const texts = {
  en: {
    saved: 'A private key may be saved: retrieve it first.',
    targetUser: 'Target user: ',
    paths: 'Recovery paths:',
    header: (instanceId: string, region: string) => `Preflight of ${instanceId} in ${region} (read-only)`,
    pathNames,
    verdicts: verdictLabels,
    reasons: planReasonTexts,
  },
  ja: {
    saved: '秘密鍵が保存されている可能性があります。先に取り出してください。',
    targetUser: '対象ユーザー：',
    paths: '復旧方法：',
    header: (instanceId: string, region: string) =>
      `${region} の ${instanceId} の事前チェック（読み取りのみ）`,
    pathNames: pathNameTextsJa,
    verdicts: verdictTextsJa,
    reasons: planReasonTextsJa,
  },
} as const;

const savedKeyCodes = new Set(['savedKeyPairParameter', 'savedEc2rlParameter']);

/**
 * After the live checklist: a saved private key again (the user may not need a recovery at all), the
 * target user, then each path with its reasons and hazards.
 */
function formatPlan(result: PreflightResultDto, language: CliLanguage): string {
  const words = texts[language];
  const saved = result.findings.filter((finding) => savedKeyCodes.has(finding.code));
  const lines = [''];
  if (saved.length > 0) lines.push(words.saved, ...saved.map((f) => `  ${findingLine(f, language)}`), '');
  lines.push(`${words.targetUser}${result.targetUser ?? '-'}`, '', words.paths);
  for (const path of result.plan) {
    lines.push(
      `  ${words.pathNames[path.path]}${language === 'ja' ? '：' : ': '}${words.verdicts[path.verdict]}`,
    );
    const text = (reason: { code: keyof typeof planReasonTexts; params: Record<string, string> }) =>
      fillTemplate(words.reasons[reason.code], reason.params);
    for (const reason of path.reasons) lines.push(`      - ${text(reason)}`);
    for (const reason of path.uncertainties) lines.push(`      ? ${text(reason)}`);
    for (const hazard of path.hazards) lines.push(`      ! ${text(hazard)}`);
  }
  return `${lines.join('\n')}\n`;
}

export const preflightCommand: CliCommand = {
  name: 'preflight',
  summary: 'Check an instance (read-only) and show which recovery paths are possible and advised.',
  usage: `keyrescue preflight INSTANCE_ID [--user U] [--egress-address IP] [--other-login] [--language en|ja] ${awsCliUsage}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(parseArgs, {
      args,
      allowPositionals: true,
      options: {
        ...awsCliOptions,
        user: { type: 'string' },
        'egress-address': { type: 'string' },
        'other-login': { type: 'boolean' },
        language: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one INSTANCE_ID');
    const language = values.language ?? 'en';
    if (language !== 'en' && language !== 'ja') throw new UsageError('--language is en or ja');
    const account = await resolveCliAccount(ctx, values);
    (await ctx.core.aws()).accounts.useForThisProcess(account);
    const instanceId = positionals[0] ?? '';
    const region = values.region ?? account.region;
    // Each check as it finishes, then the plan; --json prints only the result.
    let header = `${texts[language].header(instanceId, region)}\n\n`;
    const result = await followCliPreflight(
      ctx,
      {
        accountId: account.id,
        instanceId,
        region,
        // Unknown unless given: the CLI does not ask checkip on its own.
        egressAddress: values['egress-address'] ?? null,
        user: values.user ?? null,
        ...(values['other-login'] ? { hasOtherLogin: true } : {}),
      },
      (line, findings) => {
        if (values.json) return;
        ctx.stdout(
          `${header}${[line, ...findings.map((finding) => `  ${findingLine(finding, language)}`)].join('\n')}\n`,
        );
        header = '';
      },
      language,
    );
    ctx.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatPlan(result, language));
    return 0;
  },
};
