import { mkdirSync } from 'node:fs';
import { ensurePrivateDirSync, PRIVATE_DIR_MODE } from '../../fs/private-dir';
import { isIPv4 } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../cli-types';
import { parseCommandArgs } from '../parse-args';

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolveSignal(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'Run the practice AWS account (a local EC2/STS/SSM/Instance Connect endpoint) in the foreground.',
  usage:
    'keyrescue sandbox [--port N] [--state FILE] [--seed demo|empty] [--speed instant|realistic] [--client-address IPV4]',
  async run(args, ctx) {
    const { values } = parseCommandArgs(parseArgs, {
      args,
      options: {
        port: { type: 'string' },
        state: { type: 'string' },
        seed: { type: 'string' },
        speed: { type: 'string' },
        'client-address': { type: 'string' },
      },
    });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a port number (0-65535), not '${values.port}'.`);
    const seed = values.seed ?? 'demo';
    if (seed !== 'demo' && seed !== 'empty')
      throw new UsageError(`--seed must be demo or empty, not '${seed}'.`);
    const speed = values.speed ?? 'realistic';
    if (speed !== 'instant' && speed !== 'realistic')
      throw new UsageError(`--speed must be instant or realistic, not '${speed}'.`);
    const clientAddress = values['client-address'];
    if (clientAddress !== undefined && !isIPv4(clientAddress))
      throw new UsageError(`--client-address must be an IPv4 address, not '${clientAddress}'.`);
    const home = ctx.env.KEYRESCUE_HOME ?? join(homedir(), '.keyrescue');
    const stateFile = values.state ? resolve(ctx.cwd, values.state) : join(home, 'sandbox', 'state.json');
    if (values.state) {
      // The user's own folder: created owner-only if missing, never re-moded if it exists.
      mkdirSync(dirname(stateFile), { recursive: true, mode: PRIVATE_DIR_MODE });
    } else {
      ensurePrivateDirSync(home);
      ensurePrivateDirSync(dirname(stateFile));
    }
    // Loaded here, not at the top: the sandbox's shell and SSH server are heavy and only this command needs them.
    const { startSandbox } = await import('../../sandbox');
    const sandbox = await startSandbox({
      port,
      stateFile,
      seed,
      speed,
      ...(clientAddress ? { clientAddress } : {}),
    });
    ctx.stdout(
      `${JSON.stringify({ endpoint: sandbox.endpoint, region: sandbox.region, accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey })}\n`,
    );
    ctx.stderr(`keyrescue sandbox: state in ${stateFile}\n`);
    if (sandbox.control.demoKeysDir)
      ctx.stderr(`keyrescue sandbox: practice private keys in ${sandbox.control.demoKeysDir}\n`);
    ctx.stderr('keyrescue sandbox: press Ctrl+C to stop (state is saved)\n');
    await waitForSignal();
    await sandbox.stop();
    ctx.stderr('keyrescue sandbox: stopped, state saved\n');
    return 0;
  },
};
