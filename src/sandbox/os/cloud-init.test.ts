import { describe, expect, it } from 'vitest';
import { bootInstance } from './cloud-init.js';
import { readHostKey } from './host-keys.js';
import { putFile, readFileText } from './sandbox-filesystem.js';
import { newInstanceOs } from './test-support.js';
import { splitUserData } from './user-data-parts.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyPairKey launch-key';

/** The AWS Knowledge Center "run user data on every boot" document. */
const everyBoot = (script: string) => `Content-Type: multipart/mixed; boundary="//"
MIME-Version: 1.0

--//
Content-Type: text/cloud-config; charset="us-ascii"
MIME-Version: 1.0
Content-Transfer-Encoding: 7bit
Content-Disposition: attachment; filename="cloud-config.txt"

#cloud-config
cloud_final_modules:
- [scripts-user, always]

--//
Content-Type: text/x-shellscript; charset="us-ascii"
MIME-Version: 1.0
Content-Transfer-Encoding: 7bit
Content-Disposition: attachment; filename="userdata.txt"

${script}
--//--
`;

describe('splitUserData', () => {
  it('splits MIME multipart (with a base64 part) and infers single-document types', () => {
    const b64 = Buffer.from('#!/bin/sh\necho b64\n').toString('base64');
    const mime = `Content-Type: multipart/mixed; boundary=XYZ\nMIME-Version: 1.0\n\n--XYZ\nContent-Type: text/x-shellscript\nContent-Transfer-Encoding: base64\n\n${b64}\n--XYZ\nContent-Type: text/plain\n\n#cloud-config\nbootcmd: [true]\n--XYZ--\n`;
    expect(splitUserData(mime)).toEqual([
      { type: 'text/x-shellscript', filename: 'part-001', content: '#!/bin/sh\necho b64\n' },
      { type: 'text/cloud-config', filename: 'part-002', content: '#cloud-config\nbootcmd: [true]' },
    ]);
    expect(splitUserData('#!/bin/bash\necho hi\n')[0]?.type).toBe('text/x-shellscript');
    expect(splitUserData('')).toEqual([]);
  });
});

describe('bootInstance (cloud-init)', () => {
  it('puts the key pair into the default user authorized_keys on first boot only, with 700/600 and ownership', async () => {
    const os = newInstanceOs('ubuntu-24.04');
    const first = await bootInstance(os, { instanceId: 'i-0123', keyPairPublicKey: KEY });
    expect(first.firstBoot).toBe(true);
    expect(readFileText(os.rootFilesystem, '/home/ubuntu/.ssh/authorized_keys')).toBe(`${KEY}\n`);
    expect(os.rootFilesystem.entries['/home/ubuntu/.ssh']).toMatchObject({
      type: 'dir',
      mode: 0o700,
      uid: 1000,
      gid: 1000,
    });
    expect(os.rootFilesystem.entries['/home/ubuntu/.ssh/authorized_keys']).toMatchObject({
      mode: 0o600,
      uid: 1000,
      gid: 1000,
    });
    expect(readFileText(os.rootFilesystem, '/root/.ssh/authorized_keys')).toContain(
      'Please login as the user \\"ubuntu\\" rather than the user \\"root\\".',
    );
    expect(first.consoleOutput).toContain('-----BEGIN SSH HOST KEY FINGERPRINTS-----');
    expect(first.consoleOutput).toContain(
      `256 ${first.hostKeyFingerprint} root@ip-172-31-0-10.ec2.internal (ED25519)`,
    );
    const hostKey = readHostKey(os.rootFilesystem)?.publicKey;

    // The user removes the launch key; a reboot of the same instance must not put it back.
    await os.exec(': > ~/.ssh/authorized_keys', { user: 'ubuntu' });
    const second = await bootInstance(os, { instanceId: 'i-0123', keyPairPublicKey: KEY });
    expect(second.firstBoot).toBe(false);
    expect(readFileText(os.rootFilesystem, '/home/ubuntu/.ssh/authorized_keys')).toBe('');
    expect(readHostKey(os.rootFilesystem)?.publicKey).toBe(hostKey);

    // The same disk booted as a new instance (AMI clone): first boot again, new host keys, key merged.
    const clone = await bootInstance(os, { instanceId: 'i-0999', keyPairPublicKey: KEY });
    expect(clone.firstBoot).toBe(true);
    expect(readFileText(os.rootFilesystem, '/home/ubuntu/.ssh/authorized_keys')).toBe(`${KEY}\n`);
    expect(readHostKey(os.rootFilesystem)?.publicKey).not.toBe(hostKey);
  });

  it('runs a plain shell script once per instance, even when the user data changes later', async () => {
    const os = newInstanceOs('al2023');
    await bootInstance(os, {
      instanceId: 'i-1',
      userData: '#!/bin/bash\necho "run $INSTANCE_ID" >> /root/runs\nwhoami\n',
    });
    await bootInstance(os, {
      instanceId: 'i-1',
      userData: '#!/bin/bash\necho "run $INSTANCE_ID" >> /root/runs\n',
    });
    await bootInstance(os, { instanceId: 'i-1', userData: '#!/bin/bash\necho changed >> /root/runs\n' });
    expect(readFileText(os.rootFilesystem, '/root/runs')).toBe('run i-1\n');
    expect(readFileText(os.rootFilesystem, '/var/log/cloud-init-output.log')).toContain('\nroot\n');
  });

  it('runs the scripts-user part of a MIME document with [scripts-user, always] on every boot', async () => {
    const os = newInstanceOs('al2023');
    await bootInstance(os, { instanceId: 'i-2', keyPairPublicKey: KEY });
    const ud = everyBoot(
      '#!/bin/bash\necho "ssh-ed25519 AAAArecovered new" >> /home/ec2-user/.ssh/authorized_keys\necho boot >> /root/boots',
    );
    const second = await bootInstance(os, { instanceId: 'i-2', userData: ud, keyPairPublicKey: KEY });
    await bootInstance(os, { instanceId: 'i-2', userData: ud, keyPairPublicKey: KEY });
    expect(readFileText(os.rootFilesystem, '/root/boots')).toBe('boot\nboot\n');
    expect(readFileText(os.rootFilesystem, '/home/ec2-user/.ssh/authorized_keys')).toBe(
      `${KEY}\nssh-ed25519 AAAArecovered new\nssh-ed25519 AAAArecovered new\n`,
    );
    // The override replaced the whole final module list: no host-key block on the console.
    expect(second.consoleOutput).not.toContain('SSH HOST KEY');
    // Restoring the original (empty) user data stops the re-runs.
    await bootInstance(os, { instanceId: 'i-2', userData: '', keyPairPublicKey: KEY });
    expect(readFileText(os.rootFilesystem, '/root/boots')).toBe('boot\nboot\n');
  });

  it('runs nothing when /etc/cloud/cloud-init.disabled exists: no user data part, no console lines', async () => {
    const os = newInstanceOs('al2023');
    await bootInstance(os, { instanceId: 'i-3', keyPairPublicKey: KEY });
    putFile(os.rootFilesystem, '/etc/cloud/cloud-init.disabled', '');
    const ud = everyBoot('#!/bin/sh\necho boot >> /root/boots\necho ran-at-boot');
    const disabled = await bootInstance(os, { instanceId: 'i-3', userData: ud, keyPairPublicKey: KEY });
    expect(disabled.consoleOutput).toBe('');
    expect(os.rootFilesystem.entries['/root/boots']).toBeUndefined();
    // sshd still has its host key (sshd-keygen is not cloud-init's).
    expect(disabled.hostKeyFingerprint).toMatch(/^SHA256:/);
    delete os.rootFilesystem.entries['/etc/cloud/cloud-init.disabled'];
    const enabled = await bootInstance(os, { instanceId: 'i-3', userData: ud, keyPairPublicKey: KEY });
    expect(enabled.consoleOutput).toContain('ran-at-boot\n');
    expect(readFileText(os.rootFilesystem, '/root/boots')).toBe('boot\n');
  });

  it('runs cloud-config bootcmd on every boot and write_files on the first boot only', async () => {
    const os = newInstanceOs('debian-12');
    const ud = [
      '#cloud-config',
      'bootcmd:',
      '  - echo bootcmd >> /var/tmp/bootcmd.log',
      '  - [sh, -c, "echo $INSTANCE_ID >> /var/tmp/ids"]',
      'write_files:',
      '  - path: /etc/keyrescue/note.txt',
      '    content: |',
      '      hello',
      "    permissions: '0640'",
      '    owner: admin:admin',
      '  - path: /etc/keyrescue/bin.dat',
      '    encoding: b64',
      `    content: ${Buffer.from([0, 1, 2, 255]).toString('base64')}`,
      'runcmd:',
      '  - echo runcmd >> /var/tmp/runcmd.log',
    ].join('\n');
    await bootInstance(os, { instanceId: 'i-3', userData: ud });
    await os.exec('sudo rm /etc/keyrescue/note.txt', { user: 'admin' });
    await bootInstance(os, { instanceId: 'i-3', userData: ud });
    expect(readFileText(os.rootFilesystem, '/var/tmp/bootcmd.log')).toBe('bootcmd\nbootcmd\n');
    expect(readFileText(os.rootFilesystem, '/var/tmp/ids')).toBe('i-3\ni-3\n');
    expect(readFileText(os.rootFilesystem, '/var/tmp/runcmd.log')).toBe('runcmd\n');
    expect(os.rootFilesystem.entries['/etc/keyrescue/note.txt']).toBeUndefined();
    const bin = os.rootFilesystem.entries['/etc/keyrescue/bin.dat'];
    expect(bin?.type === 'file' && Buffer.from(bin.content, 'base64')).toEqual(Buffer.from([0, 1, 2, 255]));
    const fresh = newInstanceOs('debian-12');
    await bootInstance(fresh, { instanceId: 'i-4', userData: ud });
    expect(fresh.rootFilesystem.entries['/etc/keyrescue/note.txt']).toMatchObject({
      mode: 0o640,
      uid: 1000,
      gid: 1000,
    });
    expect(readFileText(fresh.rootFilesystem, '/etc/keyrescue/note.txt')).toBe('hello\n');
  });

  it('keeps a text/x-shellscript-per-boot part running on every boot, even after the user data is removed', async () => {
    const os = newInstanceOs('ubuntu-24.04');
    const ud =
      'Content-Type: multipart/mixed; boundary="b"\nMIME-Version: 1.0\n\n--b\nContent-Type: text/x-shellscript-per-boot\nContent-Disposition: attachment; filename="tick.sh"\n\n#!/bin/sh\necho tick >> /root/ticks\n--b--\n';
    await bootInstance(os, { instanceId: 'i-6', userData: ud });
    await bootInstance(os, { instanceId: 'i-6', userData: '' });
    expect(readFileText(os.rootFilesystem, '/root/ticks')).toBe('tick\ntick\n');
    expect(os.rootFilesystem.entries['/var/lib/cloud/scripts/per-boot/tick.sh']).toMatchObject({
      mode: 0o700,
      uid: 0,
    });
  });

  it('tracks first boot on Windows too, without running anything', async () => {
    const os = newInstanceOs('windows-2022');
    expect(
      await bootInstance(os, { instanceId: 'i-w', userData: '<powershell>whoami</powershell>' }),
    ).toEqual({ firstBoot: true, consoleOutput: 'Windows is Ready to use\n', hostKeyFingerprint: undefined });
    expect((await bootInstance(os, { instanceId: 'i-w' })).firstBoot).toBe(false);
  });

  it('logs a failing script and keeps booting', async () => {
    const os = newInstanceOs('al2023');
    const boot = await bootInstance(os, {
      instanceId: 'i-5',
      userData: '#!/bin/bash\necho oops >&2\nexit 3\n',
    });
    expect(boot.consoleOutput).toContain('oops\n');
    expect(boot.consoleOutput).toContain('Failed running /var/lib/cloud/instance/scripts/part-001 [3]');
    expect(readFileText(os.rootFilesystem, '/var/lib/cloud/instances/i-5/boot-finished')).toMatch(/ up\n$/);
  });
});
