import { describe, expect, it } from 'vitest';
import { addKeyScript, removeKeyScript } from '../../recovery/scripts/authorized-key-script';
import { parseScriptResult } from '../../recovery/scripts/script-result';
import { readFileText } from './sandbox-filesystem.js';
import { makeKey, newInstanceOs } from './test-support.js';

/**
 * KeyRescue's real authorized-keys script in the guest shell, run the way the SSH path runs it
 * (`sudo sh -s` with the script on stdin): the same results dash, bash and busybox give
 * (authorized-key-script.shells.test.ts), and nothing on stdout but the result line.
 */
describe('the authorized-keys script in the sandbox guest shell', () => {
  it('adds the key, finds it on a repeat, removes it, and refuses an unknown user', async () => {
    const os = newInstanceOs('al2023');
    const file = '/home/ec2-user/.ssh/authorized_keys';
    const old = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOLDOLDOLDOLDOLDOLDOLDOLDOLDOLDOLDOLDOLDOLD old';
    await os.exec(`mkdir -p ~/.ssh && chmod 700 ~/.ssh && printf '%s' '${old}' > ~/.ssh/authorized_keys`, {
      user: 'ec2-user',
    });
    const key = makeKey().publicLine;
    const run = (script: string) => os.exec('sudo sh -s', { user: 'ec2-user', stdin: script });

    const added = await run(addKeyScript({ targetUser: 'ec2-user', publicKey: key }));
    expect([added.exitCode, added.stderr, added.stdout.split('\n').length]).toEqual([0, '', 2]);
    expect(parseScriptResult(added.stdout)).toMatchObject({
      action: 'add',
      status: 'added',
      reason: null,
      file,
      lines: 1,
      keysFileFrom: 'sshd -T',
      warnings: [],
    });
    expect(parseScriptResult(added.stdout).backup).toMatch(
      /^\/home\/ec2-user\/\.ssh\/authorized_keys\.keyrescue-\d{8}T\d{6}Z$/,
    );
    // The missing final newline was added before the key, so neither line is broken.
    expect(readFileText(os.rootFilesystem, file)).toBe(`${old}\n${key}\n`);
    const entry = os.rootFilesystem.entries[file];
    expect(entry && { mode: entry.mode, uid: entry.uid, gid: entry.gid }).toEqual({
      mode: 0o600,
      uid: 1000,
      gid: 1000,
    });

    const again = await run(addKeyScript({ targetUser: 'ec2-user', publicKey: key }));
    expect(again.exitCode).toBe(0);
    expect(parseScriptResult(again.stdout)).toMatchObject({
      status: 'alreadyPresent',
      lines: 1,
      backup: null,
    });
    expect(readFileText(os.rootFilesystem, file)).toBe(`${old}\n${key}\n`);

    const removed = await run(removeKeyScript({ targetUser: 'ec2-user', publicKey: key }));
    expect([removed.exitCode, removed.stderr, removed.stdout.split('\n').length]).toEqual([0, '', 2]);
    expect(parseScriptResult(removed.stdout)).toMatchObject({
      action: 'remove',
      status: 'removed',
      lines: 1,
    });
    expect(readFileText(os.rootFilesystem, file)).toBe(`${old}\n`);

    const gone = await run(removeKeyScript({ targetUser: 'ec2-user', publicKey: key }));
    expect(parseScriptResult(gone.stdout)).toMatchObject({ status: 'notPresent', lines: 0 });

    const refused = await run(removeKeyScript({ targetUser: 'nobody-here', publicKey: key }));
    expect([refused.exitCode, refused.stderr]).toEqual([2, '']);
    expect(parseScriptResult(refused.stdout)).toMatchObject({
      status: 'refused',
      reason: 'userNotFound',
      detail: 'nobody-here',
    });
  });
});
