/**
 * A per-instance SSH server on loopback (ssh2). Public-key authentication only, against the
 * guest's authorized_keys (see authorized-keys.ts) and live Instance Connect keys; exec and shell
 * requests run through {@link InstanceOs.exec} as the logged-in user, and the exit status is
 * returned. The host key is the instance's own /etc/ssh/ssh_host_ed25519_key (made at first boot).
 *
 * Stdin: just-bash needs a command's whole stdin up front, so an exec waits for the client's EOF,
 * or runs after 300 ms without any input (so clients that never close stdin still work).
 * An interactive shell (pty) runs each line as a separate shell: the working directory carries
 * over between lines, shell variables do not.
 */
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Connection, ServerChannel } from 'ssh2';
import { Server } from 'ssh2';
import type { PasswdEntry } from './accounts.js';
import type { AuthorizedKey } from './authorized-keys.js';
import { acceptedKeys } from './authorized-keys.js';
import { installHostKey, readHostKey } from './host-keys.js';
import { shellQuote } from './commands/sudo-command.js';
import type { InstanceOs } from './instance-os.js';

/** Options for {@link startInstanceSshServer}. */
export interface InstanceSshServerOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Host private key (OpenSSH/PEM text). Default: the guest's ed25519 host key (created if missing). */
  hostKey?: string;
  os: InstanceOs;
  /** Live Instance Connect keys for a login name (OpenSSH lines); consulted on every attempt. */
  extraAuthorizedKeys?: (user: string) => string[];
  /** Server identification (default 'OpenSSH_8.7'). */
  ident?: string;
  /**
   * Asked for each TCP connection before any SSH byte is sent (the instance's security groups);
   * false resets the connection, so the client sees it refused. Default: every connection.
   */
  acceptsConnection?: () => boolean;
}

/** A running per-instance SSH server. */
export interface InstanceSshServer {
  port: number;
  /**
   * Serves SSH over a stream that arrived another way (an Instance Connect Endpoint's tunnel,
   * which has checked the security groups itself): no acceptsConnection check.
   */
  acceptStream(stream: Duplex): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

const IDLE_STDIN_MS = 300;

/** Starts the SSH server for one instance. Rejects for a Windows instance (no sshd). */
export async function startInstanceSshServer(opts: InstanceSshServerOptions): Promise<InstanceSshServer> {
  const { os } = opts;
  if (os.platform !== 'linux') throw new Error('Windows sandbox instances do not run an SSH server');
  const hostKey =
    opts.hostKey ??
    (readHostKey(os.rootFilesystem) ?? installHostKey(os.rootFilesystem, `root@${os.hostname}`)).privateKey;
  const extra = opts.extraAuthorizedKeys ?? (() => []);
  const clients = new Set<Connection>();
  const server = new Server({ hostKeys: [hostKey], ident: opts.ident ?? 'OpenSSH_8.7' }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => clients.delete(client));
    let user: PasswdEntry | undefined;
    let matched: AuthorizedKey | undefined;
    client.on('authentication', (ctx) => {
      void (async () => {
        if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
        const candidate = os.findUser(ctx.username);
        if (!candidate) return ctx.reject(['publickey']);
        const keys = await acceptedKeys(os, candidate, extra);
        const hit = keys.find((k) => k.key.getPublicSSH().equals(ctx.key.data));
        if (!hit) return ctx.reject(['publickey']);
        if (ctx.signature && ctx.blob) {
          if (hit.key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true)
            return ctx.reject(['publickey']);
          user = candidate;
          matched = hit;
        }
        return ctx.accept();
      })().catch(() => ctx.reject(['publickey']));
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        const env: Record<string, string> = {};
        let pty = false;
        session.on('env', (accept, _reject, info) => {
          if (/^(LANG|LC_\w+)$/.test(info.key)) env[info.key] = info.val;
          accept?.();
        });
        session.on('pty', (accept) => {
          pty = true;
          accept?.();
        });
        session.on('window-change', (accept) => accept?.());
        session.on('subsystem', (_accept, reject) => reject?.());
        session.on('exec', (accept, _reject, info) => {
          const channel = accept();
          if (user) void runOnce(os, user, matched, info.command, env, channel);
        });
        session.on('shell', (accept) => {
          const channel = accept();
          if (!user) return;
          if (pty) interactiveShell(os, user, env, channel);
          else void runOnce(os, user, matched, undefined, env, channel);
        });
      });
    });
  });
  // Our own listener decides on each socket first; only admitted ones reach the SSH server.
  const accepts = opts.acceptsConnection ?? (() => true);
  const listener = createTcpServer((socket) => {
    if (!accepts()) {
      socket.resetAndDestroy();
      return;
    }
    server.injectSocket(socket);
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (listener.address() as AddressInfo).port;
  return {
    port,
    acceptStream: (stream) => server.injectSocket(stream as never),
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        listener.close(() => resolve());
      }),
  };
}

/** Collects stdin until EOF, or until the client has been silent for a while. */
function readStdin(channel: ServerChannel): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      if (timer) clearTimeout(timer);
      channel.removeAllListeners('data');
      resolve(Buffer.concat(chunks));
    };
    const arm = (ms: number) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(finish, ms);
    };
    channel.on('data', (d: Buffer) => {
      chunks.push(d);
      arm(2000);
    });
    channel.once('end', finish);
    channel.once('close', finish);
    arm(IDLE_STDIN_MS);
  });
}

async function runOnce(
  os: InstanceOs,
  user: PasswdEntry,
  key: AuthorizedKey | undefined,
  command: string | undefined,
  env: Record<string, string>,
  channel: ServerChannel,
): Promise<void> {
  const stdin = await readStdin(channel);
  const forced = key?.forcedCommand;
  const script = forced ?? command ?? stdin.toString('utf8');
  const extraEnv = {
    ...env,
    SSH_CONNECTION: '127.0.0.1 50000 127.0.0.1 22',
    ...(forced && command ? { SSH_ORIGINAL_COMMAND: command } : {}),
  };
  try {
    const r = await os.exec(script, {
      user: user.name,
      stdin: command === undefined && !forced ? new Uint8Array() : stdin,
      env: extraEnv,
    });
    if (r.stdout) channel.write(r.stdout);
    if (r.stderr) channel.stderr.write(r.stderr);
    channel.exit(r.exitCode);
  } catch (err) {
    channel.stderr.write(`sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
    channel.exit(255);
  }
  channel.end();
}

const CWD_MARK = '\u001ekeyrescue-cwd:';

function interactiveShell(
  os: InstanceOs,
  user: PasswdEntry,
  env: Record<string, string>,
  channel: ServerChannel,
): void {
  let cwd = user.home;
  const prompt = () => {
    const short = cwd === user.home ? '~' : cwd === '/' ? '/' : (cwd.split('/').pop() ?? cwd);
    return `[${user.name}@${os.hostname.split('.')[0]} ${short}]${user.uid === 0 ? '#' : '$'} `;
  };
  let line = '';
  let busy = Promise.resolve();
  channel.write(prompt());
  channel.on('data', (data: Buffer) => {
    for (const ch of data.toString('utf8')) {
      if (ch === '\u0004' && line === '') {
        channel.write('logout\r\n');
        channel.exit(0);
        channel.end();
        return;
      }
      if (ch === '\r' || ch === '\n') {
        const cmd = line;
        line = '';
        channel.write('\r\n');
        busy = busy.then(async () => {
          if (cmd.trim() === 'exit' || cmd.trim() === 'logout') {
            channel.exit(0);
            channel.end();
            return;
          }
          // Each line is its own shell; carry the working directory over via a trailer.
          const script = `cd ${shellQuote(cwd)} 2>/dev/null\n${cmd}\n__kr=$?\nprintf '${CWD_MARK}%s' "$PWD" >&2\nexit $__kr\n`;
          const r = await os.exec(script, { user: user.name, env });
          const mark = r.stderr.lastIndexOf(CWD_MARK);
          if (mark >= 0) cwd = r.stderr.slice(mark + CWD_MARK.length) || cwd;
          const stderr = mark >= 0 ? r.stderr.slice(0, mark) : r.stderr;
          channel.write((r.stdout + stderr).replace(/\r?\n/g, '\r\n'));
          channel.write(prompt());
        });
      } else if (ch === '\u007f' || ch === '\b') {
        if (line.length > 0) {
          line = line.slice(0, -1);
          channel.write('\b \b');
        }
      } else if (ch >= ' ') {
        line += ch;
        channel.write(ch);
      }
    }
  });
}
