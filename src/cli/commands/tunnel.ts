import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { parseArgs } from 'node:util';
import type { ResolvedAccount } from '../../aws/account-types';
import { tunnelErrorCodes } from '../../aws/eic-errors';
import type { TunnelRoute } from '../../aws/eic-route';
import { AppError } from '../../ipc/app-error';
import { UsageError, type CliCommand, type CliContext } from '../cli-types';
import { parseCommandArgs } from '../parse-args';
import { oneLine } from '../terminal-text';
import { awsCliOptions, resolveCliAccount } from './aws-options';

export const tunnelAwsUsage = '[--eic-endpoint ID] [--profile P] [--region R] [--endpoint URL]';

/** Parses `INSTANCE_ID [--eic-endpoint ID]` and the AWS options, and finds the route (read-only). */
export async function resolveTunnel(
  args: string[],
  ctx: CliContext,
  extra: { 'local-port'?: { type: 'string' } } = {},
): Promise<{ account: ResolvedAccount; route: TunnelRoute; localPort?: string }> {
  const { values, positionals } = parseCommandArgs(parseArgs, {
    args,
    allowPositionals: true,
    options: { ...awsCliOptions, 'eic-endpoint': { type: 'string' }, ...extra },
  });
  if (positionals.length !== 1) throw new UsageError('give exactly one INSTANCE_ID');
  const instanceId = positionals[0] ?? '';
  if (!/^i-[0-9a-f]{8,17}$/.test(instanceId))
    throw new UsageError(`'${oneLine(instanceId).slice(0, 40)}' is not an instance id (i-…).`);
  const endpointId = values['eic-endpoint'];
  if (endpointId !== undefined && !/^eice-[0-9a-f]{8,17}$/.test(endpointId))
    throw new UsageError(
      `--eic-endpoint must be an endpoint id (eice-…), not '${oneLine(endpointId).slice(0, 40)}'.`,
    );
  const account = await resolveCliAccount(ctx, values);
  (await ctx.core.aws()).accounts.useForThisProcess(account);
  const region = values.region ?? account.region;
  // Loaded here: the SDK and ws stay out of the start-up of the key commands.
  const { findTunnelRoute } = await import('../../aws/eic-route');
  const route = await findTunnelRoute(account, region, instanceId, endpointId);
  const localPort = (values as { 'local-port'?: string })['local-port'];
  return { account, route, ...(localPort !== undefined ? { localPort } : {}) };
}

/** Pipes both ways and settles when either side is done (or fails). */
export function pipeBoth(a: Duplex, b: Duplex): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      a.destroy();
      b.destroy();
      resolve();
    };
    a.pipe(b);
    b.pipe(a);
    for (const side of [a, b]) {
      side.on('close', finish);
      side.on('error', finish);
    }
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new AppError(
          tunnelErrorCodes.localPortUnavailable,
          `Cannot listen on 127.0.0.1:${port} (${error.code ?? error.message}). Choose another --local-port, or 0 for any free port.`,
          { port, reason: error.code ?? error.message },
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function waitForStop(ctx: CliContext): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    if (ctx.signal?.aborted) stop();
    ctx.signal?.addEventListener('abort', stop, { once: true });
  });
}

export const tunnelCommand: CliCommand = {
  name: 'tunnel',
  summary:
    "Listen on a local port that reaches an instance's port 22 through an EC2 Instance Connect Endpoint.",
  usage: [
    `keyrescue tunnel INSTANCE_ID [--local-port N] ${tunnelAwsUsage}`,
    '',
    '  Like `aws ec2-instance-connect open-tunnel`: listens on 127.0.0.1 (--local-port, default any',
    "  free port) and carries each connection through a new tunnel to the instance's private address,",
    "  port 22. Without --eic-endpoint the one usable endpoint in the instance's VPC is used.",
    '  Then `ssh -p PORT user@127.0.0.1`. Ctrl+C stops.',
  ].join('\n'),
  async run(args, ctx) {
    const { account, route, localPort } = await resolveTunnel(args, ctx, {
      'local-port': { type: 'string' },
    });
    const port = localPort === undefined ? 0 : Number(localPort);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(
        `--local-port must be a port number (0-65535), not '${oneLine(localPort ?? '')}'.`,
      );
    const { openRouteTunnel } = await import('../../aws/eic-route');
    const open = new Set<Socket>();
    const server = createServer((socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => socket.destroy());
      openRouteTunnel(account, route).then(
        (stream) => pipeBoth(socket, stream),
        (error: unknown) => {
          ctx.stderr(`keyrescue tunnel: ${(error as Error).message}\n`);
          socket.destroy();
        },
      );
    });
    const bound = await listen(server, port);
    ctx.stdout(
      `Listening on 127.0.0.1:${bound}: each connection goes to ${route.instanceId} (${route.privateIpAddress}) port 22 through ${route.endpointId}. Ctrl+C stops.\n`,
    );
    await waitForStop(ctx);
    for (const socket of open) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return 0;
  },
};

export const sshProxyCommand: CliCommand = {
  name: 'ssh-proxy',
  summary:
    "Carry stdin/stdout to an instance's port 22 through an EC2 Instance Connect Endpoint (for ProxyCommand).",
  usage: [
    `keyrescue ssh-proxy INSTANCE_ID ${tunnelAwsUsage}`,
    '',
    "  For OpenSSH: ssh -o ProxyCommand='keyrescue ssh-proxy i-… --region R' ec2-user@i-…",
    '  Messages go to stderr only: stdout carries the SSH connection.',
  ].join('\n'),
  async run(args, ctx) {
    const { account, route } = await resolveTunnel(args, ctx);
    const { openRouteTunnel } = await import('../../aws/eic-route');
    const stream = await openRouteTunnel(account, route);
    // The CLI's text I/O cannot carry SSH's bytes: the process's own stdin/stdout do.
    await new Promise<void>((resolve) => {
      process.stdin.pipe(stream);
      stream.pipe(process.stdout);
      stream.on('close', resolve);
      stream.on('error', resolve);
      process.stdin.on('end', () => stream.end());
    });
    process.stdin.unpipe(stream);
    process.stdin.pause();
    return 0;
  },
};
