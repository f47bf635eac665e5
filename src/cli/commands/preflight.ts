import { parseArgs } from 'node:util';
import { planReasonTexts, fillTemplate } from '../../recovery/preflight/finding-texts';
import type { PreflightResult } from '../../recovery/preflight/preflight';
import { UsageError, type CliCommand } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { awsCliOptions, awsCliUsage, resolveCliAccount } from './aws-options';

const statusMarks = { ok: 'ok  ', warning: 'WARN', blocker: 'STOP', unknown: '??  ' } as const;
const verdictLabels = { advised: 'ADVISED', possible: 'possible', notPossible: 'not possible' } as const;
const pathNames = {
  ssh: 'Another working login',
  eic: 'EC2 Instance Connect',
  ssm: 'Systems Manager Run Command',
  userData: 'User data (stop and start)',
  rescueVolume: 'Rescue volume (stop, edit the root volume)',
} as const;

/** The checklist, then the plan: one line per finding, each path with its reasons and hazards. */
function formatResult(result: PreflightResult): string {
  const lines = [`Preflight of ${result.instanceId} in ${result.region} (read-only)`, ''];
  for (const finding of result.findings) lines.push(`  [${statusMarks[finding.status]}] ${finding.message}`);
  lines.push('', `Target user: ${result.targetUser ?? '-'}`, '', 'Recovery paths:');
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
    // Loaded here, not at start-up: the checks pull in the EC2, STS and SSM clients.
    const { runPreflight } = await import('../../recovery/preflight/preflight');
    const result = await runPreflight(account, {
      instanceId: positionals[0] ?? '',
      region: values.region ?? account.region,
      egressAddress: values['egress-address'] ?? null,
      user: values.user ?? null,
      ...(values['other-login'] ? { hasOtherLogin: true } : {}),
      onProgress: (progress) => {
        if (!values.json && progress.status === 'started') ctx.stderr(`checking ${progress.check}…\n`);
      },
    });
    const { facts: _facts, ...shown } = result;
    ctx.stdout(values.json ? `${JSON.stringify(shown, null, 2)}\n` : formatResult(result));
    return 0;
  },
};
