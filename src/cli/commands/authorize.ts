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
  // The SSH mode (run the same script on a host through another login) is the next mode here.
  host: { type: 'string' },
} as const;

type AuthorizeValues = ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];

export const authorizeCommand: CliCommand = {
  name: 'authorize',
  summary: "Add a public key to a user's authorized_keys safely (--print-script: the script to run as root).",
  usage: [
    'keyrescue authorize --print-script --user T --public-key FILE [--root PREFIX] [--remove]',
    '',
    '  --print-script    print the POSIX sh script (run it as root with sh); connects nowhere',
    '  --user T          the account whose authorized_keys changes',
    '  --public-key FILE the key to add (or remove): a .pub line, RFC 4716 or PEM public key',
    '  --root PREFIX     the other system is mounted at PREFIX (a rescue volume)',
    '  --remove          remove the lines carrying this key instead of adding it',
  ].join('\n'),
  async run(args, ctx) {
    const { values } = parseCommandArgs(parseArgs, { args, options });
    if (values.host !== undefined)
      throw new UsageError(
        '--host is not available yet; use --print-script and run the script on the host yourself (ssh HOST sudo sh < script).',
      );
    if (!values['print-script'])
      throw new UsageError('give --print-script (the script is printed, not run).');
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
