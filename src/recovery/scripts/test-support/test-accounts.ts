import { execFileSync } from 'node:child_process';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinuxUser, type LinuxUser } from './real-sshd';

/**
 * Real Linux accounts for the sshd tests (CI runs as root), each with a home under the test's
 * folder, and the sudo rules some of them get; `removeAll` undoes both, every step even if one fails.
 */
export class TestAccounts {
  private readonly users: LinuxUser[] = [];
  private readonly sudoers: string[] = [];

  constructor(private readonly dir: string) {}

  /** A user whose home (`home-NAME`, owned by it) optionally holds `authorizedKey` as its only line. */
  async create(name: string, authorizedKey?: string): Promise<LinuxUser> {
    const home = join(this.dir, `home-${name}`);
    await mkdir(home, { mode: 0o755 });
    const user = createLinuxUser(home);
    this.users.push(user);
    await chown(home, user.uid, user.gid);
    if (authorizedKey) {
      await mkdir(join(home, '.ssh'), { mode: 0o700 });
      await writeFile(join(home, '.ssh', 'authorized_keys'), `${authorizedKey}\n`, { mode: 0o600 });
      await chown(join(home, '.ssh'), user.uid, user.gid);
      await chown(join(home, '.ssh', 'authorized_keys'), user.uid, user.gid);
    }
    return user;
  }

  /** Passwordless sudo for `user`: a real /etc/sudoers.d file, checked by visudo. */
  async allowSudo(user: LinuxUser): Promise<void> {
    const file = `/etc/sudoers.d/keyrescue-test-${user.name}`;
    this.sudoers.push(file);
    await writeFile(file, `${user.name} ALL=(ALL) NOPASSWD: ALL\n`, { mode: 0o440 });
    execFileSync('visudo', ['-cf', file]);
  }

  /** Sudo rules first (no rule may outlive its user), then the accounts; failures are collected. */
  async removeAll(): Promise<unknown[]> {
    const failures: unknown[] = [];
    for (const file of this.sudoers.splice(0))
      await rm(file, { force: true }).catch((error: unknown) => failures.push(error));
    for (const user of this.users.splice(0)) {
      try {
        user.remove();
      } catch (error) {
        failures.push(error);
      }
    }
    return failures;
  }
}
