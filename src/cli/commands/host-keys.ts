import { parseArgs } from 'node:util';
import type { ConsoleHostKeysDto } from '../../ipc/contracts/recovery';
import { UsageError, type CliCommand, type CliContext } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { oneLine } from '../terminal-text';
import { awsCliOptions, awsCliUsage, resolveCliAccount } from './aws-options';

/** Which instance's console to read, in which account and region. */
export interface ConsoleTarget {
  accountId: string;
  instanceId: string;
  region: string;
}

/** Why a console printed no host keys, in the words the wizard uses too. */
export function noKeysText(result: ConsoleHostKeysDto, instanceId: string): string {
  switch (result.status) {
    case 'empty':
      return `${instanceId} has no console output yet: EC2 posts it a few minutes after the instance starts. Try again later.`;
    case 'notPrinted':
      return `The console output of ${instanceId} prints no host keys (cloud-init's keys_to_console is off, the image has no cloud-init, or the boot has not got that far).`;
    case 'denied':
      return `Not permitted to read the console output of ${instanceId} (ec2:GetConsoleOutput).`;
    default:
      return '';
  }
}

function keyList(result: ConsoleHostKeysDto): string[] {
  return result.keys.map((key) => `  ${key.type.padEnd(8)} ${key.fingerprint}`);
}

/**
 * After an unknown host key was refused: the console output's host keys of that instance, and
 * whether the refused key is among them. Never throws: the refusal stays the command's outcome.
 */
export async function consoleComparisonLines(
  ctx: CliContext,
  target: ConsoleTarget,
  fingerprint: string,
): Promise<string[]> {
  let result: ConsoleHostKeysDto;
  try {
    result = await ctx.api.invoke('recovery:consoleHostKeys', target);
  } catch (error) {
    const reason = oneLine(error instanceof Error ? error.message : String(error)).slice(0, 300);
    return [`The console output of ${target.instanceId} could not be read: ${reason}`];
  }
  if (result.status !== 'found') return [noKeysText(result, target.instanceId)];
  const listed = [`Host keys in the console output of ${target.instanceId}:`, ...keyList(result)];
  return result.keys.some((key) => key.fingerprint === fingerprint)
    ? [...listed, `${fingerprint} is among them: it is the key the instance printed at boot.`]
    : [
        ...listed,
        `WARNING: ${fingerprint} is NOT among them. Do not trust it until you know why (another server at this address, or host keys changed since that boot).`,
      ];
}

export const hostKeysCommand: CliCommand = {
  name: 'host-keys',
  summary:
    "Print the SSH host key fingerprints in an instance's console output (to compare before trusting).",
  usage: [
    `keyrescue host-keys INSTANCE_ID ${awsCliUsage}`,
    '',
    '  Reads GetConsoleOutput (read-only) and prints the last boot’s host key fingerprints, as',
    '  cloud-init printed them; pin one with recover/authorize --host-key SHA256:….',
    '  Exit 0 when fingerprints were found, 1 when the console has none or may not be read.',
  ].join('\n'),
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(parseArgs, {
      args,
      allowPositionals: true,
      options: awsCliOptions,
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one INSTANCE_ID');
    const account = await resolveCliAccount(ctx, values);
    (await ctx.core.aws()).accounts.useForThisProcess(account);
    const instanceId = positionals[0] ?? '';
    const region = values.region ?? account.region;
    const result = await ctx.api.invoke('recovery:consoleHostKeys', {
      accountId: account.id,
      instanceId,
      region,
    });
    const found = result.status === 'found';
    if (values.json) ctx.stdout(`${JSON.stringify({ instanceId, region, ...result }, null, 2)}\n`);
    else if (!found) ctx.stderr(`keyrescue host-keys: ${noKeysText(result, instanceId)}\n`);
    else
      ctx.stdout(
        [
          `Host keys in the console output of ${instanceId} (${region}):`,
          ...keyList(result),
          ...(result.source === 'keys' ? ['(computed from the public keys the console printed)'] : []),
          ...(result.capturedAt ? [`Console output captured at ${result.capturedAt}.`] : []),
          '',
        ].join('\n'),
      );
    return found ? 0 : 1;
  },
};
