import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addKeyScript, removeKeyScript } from '../../recovery/scripts/authorized-key-script';
import { readPublicKeyLine } from '../../recovery/scripts/public-key-file';
import { UsageError, type CliCommand, type CliContext } from '../cli-types';
import { parseCommandArgs } from '../parse-args';

const options = {
  'print-script': { type: 'boolean' },
  user: { type: 'string' },
  'public-key': { type: 'string' },
  root: { type: 'string' },
  remove: { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string' },
  'login-user': { type: 'string' },
  'login-key': { type: 'string' },
  'login-passphrase-file': { type: 'string' },
  'host-key': { type: 'string' },
  'accept-new-host-key': { type: 'boolean' },
  instance: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type AuthorizeValues = ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];

export const authorizeCommand: CliCommand = {
  name: 'authorize',
  summary:
    "Add a public key to a user's authorized_keys safely, on an SSH host via another login and sudo (or --print-script).",
  usage: [
    'keyrescue authorize --host H [--port P] --login-user U --login-key FILE [--login-passphrase-file F]',
    '         --user T --public-key FILE [--host-key SHA256:… | --accept-new-host-key] [--remove] [--json]',
    '         [--instance INSTANCE_ID [--profile P] [--region R] [--endpoint URL]]',
    'keyrescue authorize --print-script --user T --public-key FILE [--root PREFIX] [--remove]',
    '',
    '  --host H          log in to H (port 22 or --port) as --login-user with --login-key and run the',
    '                    script as root: directly as root, else with passwordless sudo (sudo -n sh)',
    '  --login-passphrase-file F  the login key is encrypted: its passphrase is the first line of F',
    '  --host-key FP     trust only this host key (SHA256:… as ssh-keygen -l prints it)',
    '  --accept-new-host-key  trust the key the host presents (printed, to pin next time)',
    '                    without either, an unknown host key is refused and its fingerprint printed',
    '  --instance ID     the host is this EC2 instance: a refused host key is compared with the',
    '                    fingerprints in its console output (keyrescue host-keys ID prints them)',
    '  --print-script    print the POSIX sh script (run it as root with sh); connects nowhere',
    '  --user T          the account whose authorized_keys changes',
    '  --public-key FILE the key to add (or remove): a .pub line, RFC 4716 or PEM public key',
    '  --root PREFIX     the other system is mounted at PREFIX (a rescue volume)',
    '  --remove          remove the lines carrying this key instead of adding it',
    '  --json            print the result as one JSON object',
  ].join('\n'),
  async run(args, ctx) {
    const { values } = parseCommandArgs(parseArgs, { args, options });
    if (values.host !== undefined && values['print-script'])
      throw new UsageError('use either --host (run the script there) or --print-script, not both.');
    if (values.instance !== undefined && values.host === undefined)
      throw new UsageError(
        '--instance applies only to --host (its console output is compared with the host key).',
      );
    if (values.instance !== undefined && !/^i-[0-9a-f]{8,17}$/.test(values.instance))
      throw new UsageError('--instance is an EC2 instance id (i-0123456789abcdef0).');
    // Loaded only for --host: it pulls in ssh2, which every other command's start-up would pay for.
    if (values.host !== undefined) return (await import('./authorize-host')).authorizeOverSsh(values, ctx);
    if (!values['print-script'])
      throw new UsageError('give --host H to run the script there, or --print-script to print it.');
    return printScript(values, ctx);
  },
};

async function printScript(values: AuthorizeValues, ctx: CliContext): Promise<number> {
  if (!values.user) throw new UsageError('give the target user with --user.');
  if (!values['public-key']) throw new UsageError('give the public key file with --public-key.');
  const key = await readPublicKeyLine(resolve(ctx.cwd, values['public-key']));
  const input = {
    targetUser: values.user,
    publicKey: key.line,
    ...(values.root !== undefined ? { rootPrefix: values.root } : {}),
  };
  ctx.stdout(values.remove ? removeKeyScript(input) : addKeyScript(input));
  return 0;
}
