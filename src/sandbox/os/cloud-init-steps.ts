/**
 * The file-editing steps of cloud-init's modules (ssh key for the default user, write_files)
 * and its console messages.
 */
import type { PasswdEntry } from './accounts.js';
import { findGroup, findUser } from './accounts.js';
import type { CloudConfig } from './cloud-config.js';
import { writeFilesSpecs } from './cloud-config.js';
import { strerror } from './fs-errors.js';
import { publicKeyFingerprint } from './host-keys.js';
import type { InstanceOs } from './instance-os.js';
import type { UnixVfs } from './unix-vfs.js';

const VERSION = '22.2.2';

function stamp(): string {
  return new Date().toUTCString().replace('GMT', '+0000');
}

/** Console/log lines cloud-init prints. */
export const bootMessages = {
  start: (stage: string, firstBoot: boolean) =>
    `Cloud-init v. ${VERSION} running 'modules:${stage}' at ${stamp()}. Up ${firstBoot ? '8.41' : '6.02'} seconds.`,
  final: (instanceId: string) =>
    `Cloud-init v. ${VERSION} finished at ${stamp()}. Datasource DataSourceEc2Local.  Up 12.37 seconds\n(instance ${instanceId})`,
  hostKeys: (publicKey: string | undefined) => {
    if (!publicKey) return '';
    const [, , comment] = publicKey.split(/\s+/);
    return [
      '#############################################################',
      '-----BEGIN SSH HOST KEY FINGERPRINTS-----',
      `256 ${publicKeyFingerprint(publicKey)} ${comment ?? 'root'} (ED25519)`,
      '-----END SSH HOST KEY FINGERPRINTS-----',
      '#############################################################',
      '-----BEGIN SSH HOST KEY KEYS-----',
      publicKey.split(/\s+/).slice(0, 2).join(' ') + ` ${comment ?? ''}`.trimEnd(),
      '-----END SSH HOST KEY KEYS-----',
    ].join('\n');
  },
};

/** Options cloud-init puts in front of root's key when disable_root is on. */
function rootPrefix(user: string): string {
  return `no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command="echo 'Please login as the user \\"${user}\\" rather than the user \\"root\\".';echo;sleep 10;exit 142"`;
}

function blobOf(line: string): string | undefined {
  return /(?:^|\s)((?:ssh|ecdsa|sk)-[^\s]+)\s+([A-Za-z0-9+/=]+)/.exec(line)?.[2];
}

async function appendKey(
  vfs: UnixVfs,
  dir: string,
  owner: { uid: number; gid: number },
  line: string,
): Promise<void> {
  const file = `${dir}/authorized_keys`;
  if (!(await vfs.exists(dir))) {
    await vfs.mkdir(dir, { recursive: true });
    vfs.chown(dir, owner.uid, owner.gid, true);
  }
  await vfs.chmod(dir, 0o700);
  let existing = '';
  if (await vfs.exists(file)) existing = await vfs.readFile(file);
  const blob = blobOf(line);
  const present = existing.split('\n').some((l) => blob !== undefined && blobOf(l) === blob);
  if (!present) {
    const sep = existing === '' || existing.endsWith('\n') ? '' : '\n';
    await vfs.appendFile(file, `${sep}${line.trim()}\n`);
  } else if (!(await vfs.exists(file))) {
    await vfs.writeFile(file, '');
  }
  vfs.chown(file, owner.uid, owner.gid, true);
  await vfs.chmod(file, 0o600);
}

/** cc_ssh: the launch key for the default user (and root's "please login as" entry). */
export async function writeKeyPairKey(
  os: InstanceOs,
  vfs: UnixVfs,
  user: PasswdEntry,
  key: string,
  disableRoot: boolean,
): Promise<void> {
  await appendKey(vfs, `${user.home}/.ssh`, user, key);
  const root = os.findUser(0);
  if (root)
    await appendKey(
      vfs,
      `${root.home === '/' ? '' : root.home}/.ssh`,
      root,
      disableRoot ? `${rootPrefix(user.name)} ${key.trim()}` : key,
    );
}

/** cc_write_files (non-deferred or deferred entries); returns warning lines. */
export async function runWriteFiles(
  os: InstanceOs,
  vfs: UnixVfs,
  config: CloudConfig,
  deferred: boolean,
): Promise<string[]> {
  const { specs, errors } = writeFilesSpecs(config);
  const warnings = errors.map((e) => `${new Date().toISOString()} - cc_write_files.py[WARNING]: ${e}`);
  for (const spec of specs.filter((s) => s.defer === deferred)) {
    try {
      const parent = spec.path.slice(0, spec.path.lastIndexOf('/')) || '/';
      await vfs.mkdir(parent, { recursive: true });
      if (spec.append) await vfs.appendFile(spec.path, spec.content);
      else await vfs.writeFile(spec.path, spec.content);
      await vfs.chmod(spec.path, spec.permissions);
      const [userName, groupName] = spec.owner.split(':');
      const u = userName ? findUser(os.rootFilesystem, userName) : undefined;
      const g = groupName ? findGroup(os.rootFilesystem, groupName) : undefined;
      vfs.chown(spec.path, u?.uid ?? 0, g?.gid ?? u?.gid ?? 0, true);
    } catch (err) {
      warnings.push(
        `${new Date().toISOString()} - util.py[WARNING]: Failed writing ${spec.path}: ${strerror(err)}`,
      );
    }
  }
  return warnings;
}
