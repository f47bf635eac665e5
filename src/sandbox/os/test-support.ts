/**
 * Helpers shared by this folder's tests: an instance OS on a given image, OpenSSH key files and
 * an async runner for the real `ssh` client (the sandbox's SSH server lives in the test process,
 * so the client must never be run synchronously).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { kernelDeviceNames } from './block-devices.js';
import { InstanceOs } from './instance-os.js';
import type { OsImageId } from './os-images.js';
import { createImageFilesystem, getOsImage } from './os-images.js';

/** A fresh (never booted) instance OS on an image, root on nvme0n1p1 (Nitro). */
export function newInstanceOs(image: OsImageId = 'al2023'): InstanceOs {
  const meta = getOsImage(image);
  const names = kernelDeviceNames({
    requestedDevice: meta.rootDeviceName,
    nitro: true,
    nvmeIndex: 0,
    partitioned: meta.partitioned,
  });
  return new InstanceOs({
    root: { ...names, filesystem: createImageFilesystem(image), volumeId: 'vol-0aaaaaaaaaaaaaaa1' },
    hostname: 'ip-172-31-0-10.ec2.internal',
  });
}

/** An OpenSSH key pair made by ssh-keygen in a temp dir. */
export interface KeyFiles {
  privatePath: string;
  publicLine: string;
}

/** A fresh temp folder, removed when the calling test finishes (call it inside a test). */
export function testTempDir(prefix = 'keyrescue-os-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Generates a key with the real ssh-keygen, in a folder removed when the calling test finishes. */
export function makeKey(type: 'ed25519' | 'rsa' = 'ed25519'): KeyFiles {
  const dir = testTempDir();
  const privatePath = join(dir, 'id');
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    type,
    ...(type === 'rsa' ? ['-b', '2048'] : []),
    '-N',
    '',
    '-C',
    `test-${type}`,
    '-f',
    privatePath,
  ]);
  return { privatePath, publicLine: readFileSync(`${privatePath}.pub`, 'utf8').trim() };
}

/** Result of a child process. */
export interface ProcResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs OpenSSH `ssh` against 127.0.0.1:port (non-interactive, no host key checks unless given). */
export function runSsh(opts: {
  key: string;
  port: number;
  user: string;
  command?: string;
  input?: string;
  extra?: string[];
}): Promise<ProcResult> {
  const args = [
    '-i',
    opts.key,
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'LogLevel=ERROR',
    '-o',
    'ConnectTimeout=10',
    ...(opts.extra ?? ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null']),
    '-p',
    String(opts.port),
    `${opts.user}@127.0.0.1`,
    ...(opts.command === undefined ? [] : [opts.command]),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', args, {
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
