import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type {
  HostKeyChoice,
  NewKeyChoice,
  RecoveryRunResult,
  RecoveryStartInput,
} from '../../ipc/contracts/recovery-run';
import { readPassphraseFile } from '../../keys/passphrase-file';
import { recoveryErrorCodes } from '../../recovery/recovery-errors';
import { runCliOperation } from '../cli-operation';
import { UsageError, type CliCommand, type CliContext } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { awsCliOptions, resolveCliAccount } from './aws-options';
import { consoleComparisonLines } from './host-keys';
import { loginOf } from './recover-login';
import { findingLine, followCliPreflight } from './preflight-lines';

const formats = { openssh: 'openssh', pem: 'pem', ppk: 'ppk3' } as const;
/** `--via` names and the contract's paths (`userdata` stops the instance: it needs --yes). */
const paths = { ssh: 'ssh', eic: 'eic', ssm: 'ssm', userdata: 'userData', ebs: 'rescueVolume' } as const;

export const recoverOptions = {
  ...awsCliOptions,
  via: { type: 'string' },
  user: { type: 'string' },
  'public-key': { type: 'string' },
  'passphrase-file': { type: 'string' },
  generate: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
  type: { type: 'string' },
  'new-passphrase-file': { type: 'string' },
  force: { type: 'boolean' },
  'import-key-pair': { type: 'string' },
  'login-user': { type: 'string' },
  'login-key': { type: 'string' },
  'login-passphrase-file': { type: 'string' },
  'login-password-file': { type: 'string' },
  'ssh-host': { type: 'string' },
  'ssh-port': { type: 'string' },
  'temporary-ingress': { type: 'boolean' },
  'egress-address': { type: 'string' },
  'host-key': { type: 'string' },
  'accept-new-host-key': { type: 'boolean' },
  'rescue-instance': { type: 'string' },
  'rescue-via': { type: 'string' },
  'keep-snapshot': { type: 'boolean' },
  yes: { type: 'boolean' },
} as const;

type Values = Partial<Record<keyof typeof recoverOptions, string | boolean>>;
const str = (values: Values, name: keyof typeof recoverOptions) =>
  typeof values[name] === 'string' ? (values[name] as string) : undefined;

/** `--host-key SHA256:…` pins, `--accept-new-host-key` accepts the first; otherwise an unknown key is refused. */
export function hostKeyChoice(values: Values): HostKeyChoice {
  const pin = str(values, 'host-key');
  if (pin !== undefined && values['accept-new-host-key'])
    throw new UsageError('use either --host-key or --accept-new-host-key, not both.');
  if (pin !== undefined) {
    if (!/^SHA256:[A-Za-z0-9+/]{43}$/.test(pin))
      throw new UsageError('--host-key is a SHA256 fingerprint as ssh-keygen -l prints it (SHA256:…).');
    return { kind: 'pinned', fingerprint: pin };
  }
  return values['accept-new-host-key'] ? { kind: 'accept-new' } : { kind: 'refuse-unknown' };
}

/**
 * The new key: `--generate -o FILE` makes one; `--public-key FILE` brings one, whose private half
 * (FILE without `.pub`, or FILE itself when it is the private key) the verification login uses.
 */
async function newKeyChoice(values: Values, ctx: CliContext): Promise<NewKeyChoice> {
  const publicKey = str(values, 'public-key');
  if (values.generate && publicKey) throw new UsageError('use either --generate or --public-key, not both.');
  if (values.generate) {
    const output = str(values, 'output');
    if (!output) throw new UsageError('--generate needs -o FILE: where the new private key is saved.');
    const format = str(values, 'format') ?? 'openssh';
    if (!(format in formats)) throw new UsageError('--format is openssh, pem or ppk.');
    const type = str(values, 'type') ?? 'ed25519';
    if (type !== 'ed25519' && type !== 'rsa') throw new UsageError('--type is ed25519 or rsa.');
    const passphraseFile = str(values, 'new-passphrase-file');
    return {
      kind: 'generate',
      type,
      outputPath: resolve(ctx.cwd, output),
      format: formats[format as keyof typeof formats],
      ...(passphraseFile
        ? { newPassphrase: await readPassphraseFile(resolve(ctx.cwd, passphraseFile)) }
        : {}),
      ...(values.force ? { overwrite: true } : {}),
    };
  }
  if (!publicKey) throw new UsageError('give the new key: --public-key FILE, or --generate -o FILE.');
  const given = resolve(ctx.cwd, publicKey);
  const privateKeyPath = given.endsWith('.pub') ? given.slice(0, -4) : given;
  if (!existsSync(privateKeyPath))
    throw new UsageError(
      `${privateKeyPath} does not exist: the verification login needs the private key beside ${given}.`,
    );
  const passphraseFile = str(values, 'passphrase-file');
  return {
    kind: 'existing',
    privateKeyPath,
    ...(passphraseFile ? { passphrase: await readPassphraseFile(resolve(ctx.cwd, passphraseFile)) } : {}),
  };
}

function portOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 65535)
    throw new UsageError(`--ssh-port must be a port number from 1 to 65535, not "${value.slice(0, 40)}".`);
  return Number(value);
}

/** What will happen, in the order it happens: the confirmation shows it before anything changes. */
export function plannedSteps(input: RecoveryStartInput): string[] {
  const via: Record<RecoveryStartInput['path'], string> = {
    userData: 'user data at the next boot',
    rescueVolume: `the rescue instance ${input.rescueInstanceId ?? ''}`,
    ssh: `the login ${input.login?.user ?? ''}`,
    eic: 'EC2 Instance Connect',
    ssm: 'SSM Run Command',
  };
  return [
    ...(input.newKey.kind === 'generate'
      ? [`Save a new ${input.newKey.type} key to ${input.newKey.outputPath}.`]
      : []),
    ...(input.temporaryIngress
      ? [
          'If tcp/22 is closed to this computer, open it to this address only (/32), tagged; revoked at cleanup.',
        ]
      : []),
    ...(input.importKeyPairName ? [`Import the new public key as key pair ${input.importKeyPairName}.`] : []),
    ...(input.path === 'rescueVolume'
      ? [
          `Snapshot ${input.instanceId}'s root volume and wait for it (the snapshot is kept until you delete it).`,
          `Stop ${input.instanceId} (downtime; its public IPv4 changes unless it has an Elastic IP), record its root device name and DeleteOnTermination, detach the root volume (never forced).`,
          `Attach it to the rescue instance ${input.rescueInstanceId ?? ''} (same Availability Zone), mount it there and append the new public key to ${input.targetUser}'s authorized_keys (a backup of the file is kept), then unmount (${input.rescueVia === 'ssh' ? `SSH as ${input.login?.user ?? ''}` : 'SSM Run Command'}).`,
          `Detach it from the rescue instance, attach it to ${input.instanceId} under its original root device name, restore DeleteOnTermination, start it and log in as ${input.targetUser} with the new key.`,
          'If a step fails, the root volume goes back to the instance as it was and it is started again if it was running.',
        ]
      : input.path === 'userData'
        ? [
            `Keep ${input.instanceId}'s current user data (exact bytes) in the recovery's folder, then stop it (downtime; its public IPv4 changes unless it has an Elastic IP).`,
            `Set its user data to a cloud-init document that appends the new public key to ${input.targetUser}'s authorized_keys at boot, start it, and read the result from the console output.`,
            `Log in as ${input.targetUser} with the new key, stop it again, restore the original user data byte for byte, start it and log in again.`,
          ]
        : [
            `Append the new public key to ${input.targetUser}'s authorized_keys on ${input.instanceId} through ${via[input.path]} (a backup of the file is kept).`,
            `Log in as ${input.targetUser} with the new key to prove it works.`,
          ]),
  ];
}

/** Why the run went to that host, when it is not the instance's own address. */
const targetWhy: Partial<Record<NonNullable<RecoveryRunResult['sshTargetSource']>, string>> = {
  override: ' (as given)',
  remembered: ' (remembered for this instance)',
};

/**
 * Which SSH target the run will use when it is the user's: given now, or remembered for the instance
 * from an earlier verified login (only when neither --ssh-host nor --ssh-port is given).
 */
async function sshTargetLine(
  ctx: CliContext,
  key: { accountId: string; instanceId: string; region: string },
  given: { host?: string | undefined; port?: number | undefined },
): Promise<string | null> {
  if (given.host)
    return `SSH target ${given.host}:${given.port ?? 22}, as given (remembered for ${key.instanceId} once the new key logs in).`;
  if (given.port) return null;
  const { remembered } = await ctx.api.invoke('recovery:sshTarget', key);
  return remembered
    ? `SSH target ${remembered.host}:${remembered.port}, remembered for ${key.instanceId} from a verified login on ${remembered.rememberedAt.slice(0, 10)} (--ssh-host gives another).`
    : null;
}

/**
 * `--via ebs`: the rescue instance (required), how scripts reach it, and --yes (the instance stops).
 * The snapshot is always kept in this version; `--keep-snapshot` says so explicitly.
 */
function rescueOf(
  values: Values,
  path: RecoveryStartInput['path'],
): Pick<RecoveryStartInput, 'rescueInstanceId' | 'rescueVia'> {
  const rescueId = str(values, 'rescue-instance');
  const rescueVia = str(values, 'rescue-via');
  if (path !== 'rescueVolume') {
    if (rescueId || rescueVia || values['keep-snapshot'])
      throw new UsageError('--rescue-instance, --rescue-via and --keep-snapshot are for --via ebs only.');
    return {};
  }
  if (!rescueId || !/^i-[0-9a-f]{8,17}$/.test(rescueId))
    throw new UsageError(
      '--via ebs needs --rescue-instance ID: a running instance in the same Availability Zone that SSM (or --rescue-via ssh) reaches.',
    );
  if (rescueVia !== undefined && rescueVia !== 'ssm' && rescueVia !== 'ssh')
    throw new UsageError('--rescue-via is ssm or ssh.');
  if (!values.yes)
    throw new UsageError(
      '--via ebs stops the instance and moves its root volume to the rescue instance and back (downtime; its public IPv4 changes unless it has an Elastic IP). Nothing was changed: run again with --yes to accept that.',
    );
  return { rescueInstanceId: rescueId, ...(rescueVia ? { rescueVia } : {}) };
}

function printResult(result: RecoveryRunResult, ctx: CliContext): void {
  // A practice or forwarded sshd listens elsewhere than 22: without `-p` the command would not log in.
  const port = result.port !== undefined && result.port !== 22 ? result.port : undefined;
  const why = result.sshTargetSource ? (targetWhy[result.sshTargetSource] ?? '') : '';
  const host = result.host === undefined ? '-' : `${port ? `${result.host}:${port}` : result.host}${why}`;
  ctx.stdout(
    [
      `Recovered ${result.instanceId}: ${result.targetUser} logs in with the new key (${result.newKeyFingerprint}).`,
      `Recovery ${result.recoveryId}; host ${host}, host key ${result.hostKeyFingerprint ?? '-'}.`,
      ...(result.newKeyPath
        ? [
            `Log in: ssh -i ${result.newKeyPath}${port ? ` -p ${port}` : ''} ${result.targetUser}@${result.host ?? ''}`,
          ]
        : []),
      ...(result.ingressRuleOpen ? ['A temporary tcp/22 rule is still open: the cleanup revokes it.'] : []),
      ...(result.snapshotId
        ? [
            `Safety snapshot ${result.snapshotId} of the root volume is kept; delete it once you no longer need it (aws ec2 delete-snapshot --snapshot-id ${result.snapshotId}).`,
          ]
        : []),
      `Report: keyrescue journal show ${result.recoveryId}`,
      '',
    ].join('\n'),
  );
}

export const recoverCommand: CliCommand = {
  name: 'recover',
  summary: 'Put a new public key on an instance whose private key is lost, and prove it logs in.',
  usage: [
    'keyrescue recover INSTANCE_ID --via ssh|eic|ssm|userdata|ebs [--user U]   (userdata and ebs stop the instance: need --yes)',
    '                  [--rescue-instance ID [--rescue-via ssm|ssh] [--keep-snapshot]]   (ebs: edit the root volume on that running instance in the same zone)',
    '                  (--public-key FILE [--passphrase-file F] | --generate -o FILE [--type ed25519|rsa] [--format openssh|pem|ppk] [--new-passphrase-file F] [--force])',
    '                  [--login-user U (--login-key FILE [--login-passphrase-file F] | --login-password-file F)] [--ssh-host H] [--ssh-port P]',
    '                  [--temporary-ingress] [--egress-address IP] [--import-key-pair NAME] [--host-key SHA256:… | --accept-new-host-key]',
    '                  [--yes] [--profile P] [--region R] [--endpoint URL] [--json]',
  ].join('\n'),
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(parseArgs, {
      args,
      allowPositionals: true,
      options: recoverOptions,
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one INSTANCE_ID');
    const via = str(values, 'via');
    if (!via || !Object.hasOwn(paths, via)) throw new UsageError('--via is ssh, eic, ssm, userdata or ebs.');
    const path = paths[via as keyof typeof paths];
    // Stopping the instance is never the answer to a prompt typed in passing: the flag says it.
    if (path === 'userData' && !values.yes)
      throw new UsageError(
        '--via userdata stops and starts the instance twice (downtime; its public IPv4 changes unless it has an Elastic IP). Nothing was changed: run again with --yes to accept that.',
      );
    const rescue = rescueOf(values, path);
    const hostKey = hostKeyChoice(values);
    const login = await loginOf(
      {
        user: str(values, 'login-user'),
        key: str(values, 'login-key'),
        passphraseFile: str(values, 'login-passphrase-file'),
        passwordFile: str(values, 'login-password-file'),
      },
      ctx,
    );
    if (rescue.rescueVia === 'ssh' && !login)
      throw new UsageError(
        "--rescue-via ssh needs --login-user U --login-key FILE (or --login-password-file F): the rescue instance's login.",
      );
    if (path === 'ssh' && !login)
      throw new UsageError('--via ssh needs --login-user U --login-key FILE (or --login-password-file F).');
    const account = await resolveCliAccount(ctx, values);
    (await ctx.core.aws()).accounts.useForThisProcess(account);
    const instanceId = positionals[0] ?? '';
    const region = str(values, 'region') ?? account.region;
    // Read-only preflight first, each check printed as it finishes (warnings under it): the user
    // sees what the recovery will meet before confirming, and the login user comes from the image.
    const preflight = await followCliPreflight(
      ctx,
      {
        accountId: account.id,
        instanceId,
        region,
        // Not given: main asks the account's checkip, as the run does.
        ...(str(values, 'egress-address') ? { egressAddress: str(values, 'egress-address') } : {}),
        user: str(values, 'user') ?? null,
      },
      (line, findings) => {
        if (values.json) return;
        const notable = findings.filter((finding) => finding.status !== 'ok');
        for (const text of [line, ...notable.map((finding) => `  ${findingLine(finding)}`)])
          ctx.stderr(`keyrescue recover: ${text}\n`);
      },
    );
    const targetUser = str(values, 'user') ?? preflight.targetUser;
    if (!targetUser)
      throw new UsageError('the login user could not be guessed from the image: give --user U.');
    const sshPort = portOf(str(values, 'ssh-port'));
    const target = await sshTargetLine(
      ctx,
      { accountId: account.id, instanceId, region },
      { host: str(values, 'ssh-host'), port: sshPort },
    );
    if (target && !values.json) ctx.stderr(`keyrescue recover: ${target}\n`);
    const input: RecoveryStartInput = {
      accountId: account.id,
      instanceId,
      region,
      path,
      targetUser,
      newKey: await newKeyChoice(values, ctx),
      hostKey,
      ...(login ? { login } : {}),
      ...(str(values, 'ssh-host') ? { sshHost: str(values, 'ssh-host') } : {}),
      ...(sshPort ? { sshPort } : {}),
      ...(values['temporary-ingress'] ? { temporaryIngress: true } : {}),
      ...(str(values, 'egress-address') ? { egressAddress: str(values, 'egress-address') } : {}),
      ...(str(values, 'import-key-pair') ? { importKeyPairName: str(values, 'import-key-pair') } : {}),
      ...rescue,
      // userdata and ebs got this far only with --yes (checked above): the consent main requires.
      ...(path === 'userData' || path === 'rescueVolume' ? { downtimeConfirmed: instanceId } : {}),
    };
    if (!values.yes) {
      if (!ctx.stdinIsTTY())
        throw new UsageError('nothing was changed: confirm with --yes when not at a terminal.');
      ctx.stderr(
        `This will:\n${plannedSteps(input)
          .map((step) => `  - ${step}`)
          .join('\n')}\n`,
      );
      const answer = await ctx.readLine('Go ahead? [y/N] ');
      if (!/^y(es)?$/i.test(answer.trim())) {
        ctx.stderr('keyrescue recover: nothing was changed.\n');
        return 1;
      }
    }
    let result: RecoveryRunResult;
    try {
      result = await runCliOperation(ctx, {
        command: 'recover',
        kind: 'recovery.run',
        json: Boolean(values.json),
        start: () => ctx.api.invoke('recovery:start', input),
      });
    } catch (error) {
      // An unknown host key stops the run with its fingerprint: say how to trust it next time.
      const fingerprint = /SHA256:[A-Za-z0-9+/]{43}/.exec(error instanceof Error ? error.message : '')?.[0];
      if (fingerprint && (error as { code?: string }).code === recoveryErrorCodes.sshHostKeyUnknown) {
        // The console output printed the instance's own host keys at boot: the comparison to make.
        const comparison = await consoleComparisonLines(
          ctx,
          { accountId: account.id, instanceId, region },
          fingerprint,
        );
        ctx.stderr(
          `${comparison.map((line) => `keyrescue recover: ${line}\n`).join('')}keyrescue recover: to trust it, run again with --host-key ${fingerprint} (or --accept-new-host-key); keyrescue journal resume goes on with the same flags.\n`,
        );
      }
      throw error;
    }
    if (values.json) ctx.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else printResult(result, ctx);
    return result.verified ? 0 : 1;
  },
};
