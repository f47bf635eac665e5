import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readFileText } from './sandbox-filesystem.js';
import { makeKey, newInstanceOs } from './test-support.js';

/** The kind of append script KeyRescue sends (§1 of recovery-paths.md), run as root via sudo. */
const appendScript = (user: string, key: string) => `set -eu
umask 077
target=${user}
key='${key}'
home=$(getent passwd "$target" | cut -d: -f6)
uid=$(id -u "$target"); gid=$(id -g "$target")
dir="$home/.ssh"; file="$dir/authorized_keys"
if [ ! -d "$dir" ]; then install -d -m 700 -o "$uid" -g "$gid" "$dir"; fi
touch "$file"
if [ -s "$file" ] && [ "$(tail -c1 "$file" | wc -l)" -eq 0 ]; then printf '\\n' | tee -a "$file" >/dev/null; fi
blob=$(printf '%s\\n' "$key" | cut -d' ' -f2)
if grep -qF "$blob" "$file"; then echo already-present; else printf '%s\\n' "$key" | tee -a "$file" >/dev/null; echo appended; fi
chmod 600 "$file"
chown "$uid:$gid" "$file" "$dir"
stat -c '%U:%G %a %n' "$dir" "$file"
`;

describe('InstanceOs shell', () => {
  it('runs an append-to-authorized_keys script with real modes, owners and newline repair', async () => {
    const os = newInstanceOs('al2023');
    // An existing file without a trailing newline (the classic glued-keys bug).
    await os.exec(
      'mkdir -p ~/.ssh && chmod 700 ~/.ssh && printf "ssh-ed25519 AAAAold old" > ~/.ssh/authorized_keys',
      { user: 'ec2-user' },
    );
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINEW new@laptop';
    const first = await os.exec('sudo bash -s', { user: 'ec2-user', stdin: appendScript('ec2-user', key) });
    expect(first).toEqual({
      stdout:
        'appended\nec2-user:ec2-user 700 /home/ec2-user/.ssh\nec2-user:ec2-user 600 /home/ec2-user/.ssh/authorized_keys\n',
      stderr: '',
      exitCode: 0,
    });
    expect(readFileText(os.rootFilesystem, '/home/ec2-user/.ssh/authorized_keys')).toBe(
      `ssh-ed25519 AAAAold old\n${key}\n`,
    );
    const second = await os.exec('sudo bash -s', { user: 'ec2-user', stdin: appendScript('ec2-user', key) });
    expect(second.stdout.split('\n')[0]).toBe('already-present');
    expect(readFileText(os.rootFilesystem, '/home/ec2-user/.ssh/authorized_keys')).toBe(
      `ssh-ed25519 AAAAold old\n${key}\n`,
    );
    const entry = os.rootFilesystem.entries['/home/ec2-user/.ssh/authorized_keys'];
    expect(entry && { mode: entry.mode, uid: entry.uid, gid: entry.gid }).toEqual({
      mode: 0o600,
      uid: 1000,
      gid: 1000,
    });
  });

  it('enforces Unix permissions for ordinary users', async () => {
    const os = newInstanceOs('al2023');
    expect(await os.exec('cat /etc/shadow', { user: 'ec2-user' })).toEqual({
      stdout: '',
      stderr: 'cat: /etc/shadow: Permission denied\n',
      exitCode: 1,
    });
    expect(await os.exec('ls /root', { user: 'ec2-user' })).toEqual({
      stdout: '',
      stderr: "ls: cannot open directory '/root': Permission denied\n",
      exitCode: 2,
    });
    expect(await os.exec('echo /root/*', { user: 'ec2-user' })).toEqual({
      stdout: '/root/*\n',
      stderr: '',
      exitCode: 0,
    });
    const redirect = await os.exec('echo x > /root/f || echo "status=$?"; echo after', { user: 'ec2-user' });
    expect(redirect.stdout).toBe('status=1\nafter\n');
    expect(redirect.stderr).toContain('/root/f');
    // The classic mistake: the redirect runs as the caller, not as root.
    const sudoEcho = await os.exec('sudo echo x >> /etc/motd; echo "status=$?"', { user: 'ec2-user' });
    expect(sudoEcho.stdout).toBe('status=1\n');
    expect(readFileText(os.rootFilesystem, '/etc/motd')).toBeUndefined();
    const tee = await os.exec('echo hello | sudo tee -a /etc/motd >/dev/null && stat -c "%U %a" /etc/motd', {
      user: 'ec2-user',
    });
    expect(tee).toEqual({ stdout: 'root 644\n', stderr: '', exitCode: 0 });
    const chown = await os.exec('touch /tmp/mine && chown root /tmp/mine', { user: 'ec2-user' });
    expect(chown).toEqual({
      stdout: '',
      stderr: "chown: changing ownership of '/tmp/mine': Operation not permitted\n",
      exitCode: 1,
    });
    const rmOther = await os.exec('sudo touch /tmp/roots && rm -f /tmp/roots; echo "status=$?"', {
      user: 'ec2-user',
    });
    expect(rmOther.stdout).toBe('status=1\n');
    expect(os.rootFilesystem.entries['/tmp/roots']?.uid).toBe(0);
  });

  it("answers test -r/-w/-x with the caller's access, keeps owners on cp -p/-a and refuses chmod of others' files", async () => {
    const os = newInstanceOs('al2023');
    const t = await os.exec(
      'for f in /etc/passwd /etc/shadow /root; do [ -r $f ] && r=r || r=-; [ -w $f ] && w=w || w=-; [ -x $f ] && x=x || x=-; echo "$f $r$w$x"; done',
      { user: 'ec2-user' },
    );
    expect(t.stdout).toBe('/etc/passwd r--\n/etc/shadow ---\n/root ---\n');
    expect((await os.exec('[ -w /etc/shadow ] && echo yes', { user: 'root' })).stdout).toBe('yes\n');
    const cp = await os.exec(
      'mkdir -m 700 ~/.ssh && echo k > ~/.ssh/authorized_keys && chmod 600 ~/.ssh/authorized_keys && sudo cp -p ~/.ssh/authorized_keys ~/.ssh/ak.bak && sudo cp -a ~/.ssh /tmp/copy && sudo cp ~/.ssh/authorized_keys /tmp/plain && stat -c "%n %U %a" ~/.ssh/ak.bak /tmp/copy /tmp/copy/authorized_keys /tmp/plain',
      { user: 'ec2-user' },
    );
    expect(cp.stdout).toBe(
      '/home/ec2-user/.ssh/ak.bak ec2-user 600\n/tmp/copy ec2-user 700\n/tmp/copy/authorized_keys ec2-user 600\n/tmp/plain root 600\n',
    );
    expect(await os.exec('chmod 777 /etc/passwd', { user: 'ec2-user' })).toEqual({
      stdout: '',
      stderr: "chmod: changing permissions of '/etc/passwd': Operation not permitted\n",
      exitCode: 1,
    });
    expect((await os.exec('readlink -f /bin/sh; realpath /sbin/blkid', { user: 'ec2-user' })).stdout).toBe(
      '/usr/bin/sh\n/usr/bin/blkid\n',
    );
  });

  it('implements sudo from sudoers: NOPASSWD default user, password-needing rules fail without a tty', async () => {
    const os = newInstanceOs('ubuntu-24.04');
    expect(await os.exec('sudo id -u; sudo -u ubuntu whoami; sudo whoami', { user: 'ubuntu' })).toEqual({
      stdout: '0\nubuntu\nroot\n',
      stderr: '',
      exitCode: 0,
    });
    expect(
      await os.exec("sudo su - ubuntu -c 'pwd; id -un'; sudo runuser -u ubuntu -- id -u; su -c id", {
        user: 'ubuntu',
      }),
    ).toEqual({
      stdout: '/home/ubuntu\nubuntu\n1000\n',
      stderr: 'su: Authentication failure\n',
      exitCode: 1,
    });
    await os.exec('sudo rm /etc/sudoers.d/90-cloud-init-users', { user: 'ubuntu' });
    const denied = await os.exec('sudo id -u', { user: 'ubuntu' });
    expect(denied.exitCode).toBe(1);
    expect(denied.stderr).toContain('sudo: a password is required');
  });

  it('reports identity from /etc/passwd and /etc/group', async () => {
    const os = newInstanceOs('debian-12');
    const r = await os.exec(
      'whoami; id -un; id -u; id -gn; getent passwd admin; hostname; hostname -s; echo $HOME',
      { user: 'admin' },
    );
    expect(r.stdout).toBe(
      'admin\nadmin\n1000\nadmin\nadmin:x:1000:1000:Debian:/home/admin:/bin/bash\nip-172-31-0-10.ec2.internal\nip-172-31-0-10\n/home/admin\n',
    );
    expect((await os.exec('id', { user: 'admin' })).stdout).toContain('27(sudo)');
    expect(await os.exec('getent passwd nosuchuser', { user: 'admin' })).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 2,
    });
  });

  it('applies umask to new files and lists real owners with ls -l', async () => {
    const os = newInstanceOs('al2023');
    const r = await os.exec('umask 077; touch a; mkdir d; umask; stat -c "%a %U" a d; ls -l /home/ec2-user', {
      user: 'ec2-user',
    });
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['0077', '600 ec2-user', '700 ec2-user']);
    expect(lines[4]).toMatch(/^-rw------- 1 ec2-user ec2-user +0 \w{3} [ \d]\d \d\d:\d\d a$/);
    expect(lines[5]).toMatch(/^drwx------ 2 ec2-user ec2-user 4096 .* d$/);
  });

  it('runs sshd -T only as root and reports the effective AuthorizedKeysFile', async () => {
    const os = newInstanceOs('al2023');
    expect((await os.exec('sshd -T', { user: 'ec2-user' })).exitCode).toBe(1);
    const r = await os.exec(
      'sudo sshd -T -C user=ec2-user,host=x,addr=127.0.0.1 | grep -E "^(authorizedkeysfile|authorizedkeyscommand|strictmodes) "',
      { user: 'ec2-user' },
    );
    expect(r.stdout).toBe(
      'strictmodes yes\nauthorizedkeysfile .ssh/authorized_keys\nauthorizedkeyscommand /opt/aws/bin/eic_run_authorized_keys %u %f\n',
    );
  });

  it('prints key fingerprints exactly like the real ssh-keygen -l', async () => {
    const os = newInstanceOs('al2023');
    for (const key of [makeKey('ed25519'), makeKey('rsa')]) {
      for (const hash of ['sha256', 'md5']) {
        const real = execFileSync('ssh-keygen', ['-l', '-E', hash, '-f', `${key.privatePath}.pub`], {
          encoding: 'utf8',
        });
        expect(
          await os.exec(`ssh-keygen -l -E ${hash} -f -`, { user: 'ec2-user', stdin: `${key.publicLine}\n` }),
        ).toEqual({ stdout: real, stderr: '', exitCode: 0 });
      }
    }
    expect((await os.exec('echo garbage | ssh-keygen -lf -', { user: 'ec2-user' })).exitCode).toBe(255);
  });

  it('refuses unknown users and has no shell on Windows', async () => {
    expect(await newInstanceOs('al2023').exec('true', { user: 'nobody-here' })).toEqual({
      stdout: '',
      stderr: 'Invalid user nobody-here\n',
      exitCode: 255,
    });
    expect((await newInstanceOs('windows-2022').exec('echo hi', { user: 'Administrator' })).exitCode).toBe(
      255,
    );
  });
});
