import { parseArgs } from 'node:util';
import type { PreflightResultDto } from '../../ipc/contracts/recovery';
import { planReasonTexts, fillTemplate } from '../../recovery/preflight/finding-texts';
import { UsageError, type CliCommand } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { awsCliOptions, awsCliUsage, resolveCliAccount } from './aws-options';
import { findingLine, followCliPreflight } from './preflight-lines';

const verdictLabels = { advised: 'ADVISED', possible: 'possible', notPossible: 'not possible' } as const;
const pathNames = {
  ssh: 'Another working login',
  eic: 'EC2 Instance Connect',
  ssm: 'Systems Manager Run Command',
  userData: 'User data (stop and start)',
  rescueVolume: 'Rescue volume (stop, edit the root volume)',
} as const;

const savedKeyCodes = new Set(['savedKeyPairParameter', 'savedEc2rlParameter']);

/**
 * After the live checklist: a saved private key again (the user may not need a recovery at all), the
 * target user, then each path with its reasons and hazards.
 */
function formatPlan(result: PreflightResultDto): string {
  const saved = result.findings.filter((finding) => savedKeyCodes.has(finding.code));
  const lines = [''];
  if (saved.length > 0)
    lines.push(
      'A private key may be saved: retrieve it first.',
      ...saved.map((f) => `  ${findingLine(f)}`),
      '',
    );
  lines.push(`Target user: ${result.targetUser ?? '-'}`, '', 'Recovery paths:');
  for (const path of result.plan) {
    lines.push(`  ${pathNames[path.path]}: ${verdictLabels[path.verdict]}`);
    const text = (reason: { code: keyof typeof planReasonTexts; params: Record<string, string> }) =>
      fillTemplate(planReasonTexts[reason.code], reason.params);
    for (const reason of path.reasons) lines.push(`      - ${text(reason)}`);
    for (const reason of path.uncertainties) lines.push(`      ? ${text(reason)}`);
    for (const hazard of path.hazards) lines.push(`      ! ${text(hazard)}`);
  }
  return `${lines.join('\n')}\n`;
}

export const preflightCommand: CliCommand = {
  name: 'preflight',
  summary: 'Check an instance (read-only) and show which recovery paths are possible and advised.',
  usage: `keyrescue preflight INSTANCE_ID [--user U] [--egress-address IP] [--other-login] ${awsCliUsage}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(parseArgs, {
      args,
      allowPositionals: true,
      options: {
        ...awsCliOptions,
        user: { type: 'string' },
        'egress-address': { type: 'string' },
        'other-login': { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one INSTANCE_ID');
    const account = await resolveCliAccount(ctx, values);
    (await ctx.core.aws()).accounts.useForThisProcess(account);
    const instanceId = positionals[0] ?? '';
    const region = values.region ?? account.region;
    // Each check as it finishes, then the plan; --json prints only the result.
    let header = `Preflight of ${instanceId} in ${region} (read-only)\n\n`;
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
          `${header}${[line, ...findings.map((finding) => `  ${findingLine(finding)}`)].join('\n')}\n`,
        );
        header = '';
      },
    );
    ctx.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatPlan(result));
    return 0;
  },
};
