import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instanceNamed, sshEndpointOf } from '../test-support/demo-lookup';
import { openSsh } from '../test-support/openssh';

const run = promisify(execFile);

/**
 * What patches/just-bash+3.4.2.patch changes: redirect failures, `test -r/-w/-x` (access hook),
 * and for KeyRescue's script (shell-trap-fd.test.ts has the details) `trap`, fd 3 kept on the
 * original stdout, `[!...]` in case patterns and octal escapes in `tr`.
 */
const redirects = 'echo x > /root/f || echo "redirect=$?"; echo x >> /etc/motd; echo "append=$?"';
const fileTests =
  'for f in /etc/passwd /etc/shadow /root; do [ -r $f ] && r=r || r=-; [ -w $f ] && w=w || w=-; ' +
  '[ -x $f ] && x=x || x=-; echo "$f $r$w$x"; done; [[ -r /etc/shadow ]] || echo "[[ denied"';
const trapAndFd3 =
  'exec 3>&1; trap \'echo "trap $?" >&3\' EXIT; f() { echo hidden; echo to3 >&3; exit 4; }; ' +
  "case 12 in *[!0-9]*) echo bad ;; esac; printf 'a\\001b' | tr -d '\\001-\\037' >&3; echo >&3; f >/dev/null";

/**
 * The shipped builds (`out/cli`, `out/main`) are CommonJS and load just-bash's CJS bundle, while
 * Vitest loads its ESM bundle: both must carry the patch. Here the built CLI serves the practice
 * account and the real `ssh` client runs the script on an instance as an ordinary user.
 */
describe('just-bash patch in the CommonJS build', () => {
  let dir: string;
  let sandbox: ChildProcess | undefined;
  let ec2: EC2Client | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-jb-cjs-'));
    if (!existsSync('out/cli/keyrescue-main.cjs'))
      await run('node', ['scripts/build.mjs'], { timeout: 180_000 });
  }, 200_000);

  afterAll(async () => {
    ec2?.destroy();
    if (sandbox && sandbox.exitCode === null) {
      const exited = new Promise((resolve) => sandbox?.once('exit', resolve));
      sandbox.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('the CJS bundle Node requires is the patched one', () => {
    const cjs = createRequire(import.meta.url).resolve('just-bash');
    expect(cjs.endsWith(join('just-bash', 'dist', 'bundle', 'index.cjs'))).toBe(true);
    const source = readFileSync(cjs, 'utf8');
    expect(source.split('.fs.access?await').length - 1).toBe(3);
    expect(source).toContain('typeof a?.code!="string")throw a;');
    expect(source).toContain('if(e==="trap")return __krTrap(c,r);');
    expect(source).toContain('N=await __krMain(new YA(w,p),C);');
    expect(source).toContain('t=__krTrOct(t);');
  });

  it('keyrescue sandbox (out/cli): a refused redirect fails the command, test -r/-w/-x use access', async () => {
    sandbox = spawn(
      'node',
      ['out/cli/keyrescue.cjs', 'sandbox', '--state', join(dir, 'state.json'), '--speed', 'instant'],
      { env: { ...process.env, KEYRESCUE_HOME: dir }, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const lines = createInterface({ input: sandbox.stdout! });
    const first: string = await new Promise((resolve) => lines.once('line', resolve));
    const info = JSON.parse(first) as {
      endpoint: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
    };
    ec2 = new EC2Client({
      endpoint: info.endpoint,
      region: info.region,
      credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey },
    });
    const endpoint = sshEndpointOf(await instanceNamed(ec2, 'bastion')) ?? '';
    const key = join(dir, 'practice-keys', 'practice-rsa.pem');
    expect(await openSsh(endpoint, 'ec2-user', key, redirects)).toEqual({
      code: 0,
      stdout: 'redirect=1\nappend=1\n',
      stderr: 'bash: /root/f: cannot open redirect target\nbash: /etc/motd: cannot open redirect target\n',
    });
    expect(await openSsh(endpoint, 'ec2-user', key, fileTests)).toEqual({
      code: 0,
      stdout: '/etc/passwd r--\n/etc/shadow ---\n/root ---\n[[ denied\n',
      stderr: '',
    });
    expect(await openSsh(endpoint, 'ec2-user', key, trapAndFd3)).toEqual({
      code: 4,
      stdout: 'ab\nto3\ntrap 4\n',
      stderr: '',
    });
  }, 60_000);
});
