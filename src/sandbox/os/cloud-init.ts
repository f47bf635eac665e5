/**
 * Boot-time cloud-init, modelled on cloud-init 22.x for EC2:
 * - per-instance state lives in /var/lib/cloud/instances/<instance-id>/ (semaphores in sem/);
 *   a new instance id means "first boot" (new host keys, key pair into authorized_keys);
 * - user data is re-read every boot; shell parts are written to the instance's scripts/ dir;
 * - modules run from cloud_init/config/final_modules with their frequency: `scripts_user` is
 *   once per instance unless a user cloud-config overrides the list (e.g. `[scripts-user, always]`);
 *   bootcmd runs every boot, write_files once per instance;
 * - everything scripts print goes to /var/log/cloud-init-output.log and the console;
 * - /etc/cloud/cloud-init.disabled turns all of it off (the generator enables no stage).
 */
import type { PasswdEntry } from './accounts.js';
import type { CloudConfig, Frequency, ModuleEntry } from './cloud-config.js';
import {
  commandsToScript,
  defaultUserName,
  loadImageConfig,
  mergeConfigs,
  moduleList,
  parseCloudConfig,
} from './cloud-config.js';
import { bootMessages, runWriteFiles, writeKeyPairKey } from './cloud-init-steps.js';
import { deleteHostKeys, installHostKey, publicKeyFingerprint, readHostKey } from './host-keys.js';
import type { InstanceOs } from './instance-os.js';
import { UnixVfs } from './unix-vfs.js';
import type { UserDataPart } from './user-data-parts.js';
import { splitUserData } from './user-data-parts.js';

/** Inputs of one boot. */
export interface BootOptions {
  instanceId: string;
  /**
   * Force first-boot behaviour on or off. Default: first boot when the filesystem has no
   * /var/lib/cloud/instances/<instanceId>/ (so a root volume moved to a new instance is "new").
   */
  firstBoot?: boolean;
  /** Decoded user data text (what cloud-init fetches from IMDS). */
  userData?: string;
  /** OpenSSH public key line of the launch key pair. */
  keyPairPublicKey?: string;
}

/** What a boot produced. */
export interface BootResult {
  firstBoot: boolean;
  /** Lines for GetConsoleOutput (cloud-init output + host key block when keys_to_console ran). */
  consoleOutput: string;
  /** Host key fingerprint (`SHA256:…`), if the image has SSH. */
  hostKeyFingerprint: string | undefined;
}

const ROOT = { uid: 0, gid: 0, groups: [0] };

/** Runs the boot-time part of cloud-init on an instance OS (call on every start/reboot). */
export async function bootInstance(os: InstanceOs, opts: BootOptions): Promise<BootResult> {
  os.resetMounts();
  os.logKernel('Linux version 6.1 (sandbox) #1 SMP');
  const vfs = new UnixVfs(os, ROOT);
  if (os.platform === 'windows') {
    // EC2Launch v2 keeps its own per-instance state; model just the first-boot marker.
    const marker = `/ProgramData/Amazon/EC2Launch/state/${opts.instanceId}.run-once`;
    const firstBoot = opts.firstBoot ?? !(await vfs.exists(marker));
    await vfs.mkdir('/ProgramData/Amazon/EC2Launch/state', { recursive: true });
    await vfs.writeFile(marker, `${Date.now()}\n`);
    return { firstBoot, consoleOutput: 'Windows is Ready to use\n', hostKeyFingerprint: undefined };
  }
  // cloud-init's systemd generator enables none of its stages when this file exists (or the kernel
  // says cloud-init=disabled): no user data is read, no module runs, nothing is printed.
  if (await vfs.exists('/etc/cloud/cloud-init.disabled')) {
    if (!readHostKey(os.rootFilesystem)) installHostKey(os.rootFilesystem, `root@${os.hostname}`); // sshd-keygen
    const key = readHostKey(os.rootFilesystem);
    return {
      firstBoot: false,
      consoleOutput: '',
      hostKeyFingerprint: key ? publicKeyFingerprint(key.publicKey) : undefined,
    };
  }
  // cc_update_hostname: the name the platform gave this instance.
  await vfs.writeFile('/etc/hostname', `${os.hostname}\n`);
  const root = os.findUser(0) as PasswdEntry;
  const instDir = `/var/lib/cloud/instances/${opts.instanceId}`;
  const firstBoot = opts.firstBoot ?? !(await vfs.exists(instDir));
  let console = '';
  const log = async (text: string) => {
    if (text === '') return;
    const line = text.endsWith('\n') ? text : `${text}\n`;
    console += line;
    await vfs.appendFile('/var/log/cloud-init-output.log', line);
  };
  const runScript = async (label: string, script: string) => {
    const r = await os.runAs(root, script, { cwd: '/', env: { INSTANCE_ID: opts.instanceId }, umask: 0o022 });
    await log(r.stdout + r.stderr);
    if (r.exitCode !== 0)
      await log(`${new Date().toISOString()} - util.py[WARNING]: Failed running ${label} [${r.exitCode}]`);
    return r.exitCode;
  };
  const semaphore = async (module: string, freq: Frequency): Promise<boolean> => {
    if (freq === 'always') return true;
    const path =
      freq === 'once' ? `/var/lib/cloud/sem/config_${module}.once` : `${instDir}/sem/config_${module}`;
    if (await vfs.exists(path)) return false;
    await vfs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
    await vfs.writeFile(path, `${Date.now()}\n`);
    return true;
  };

  // Per-instance directory layout, as cloud-init's init stage creates it.
  if (firstBoot) {
    await vfs.rm(instDir, { recursive: true, force: true });
    deleteHostKeys(os.rootFilesystem);
  }
  for (const d of [
    `${instDir}/sem`,
    `${instDir}/scripts`,
    '/var/lib/cloud/data',
    '/var/lib/cloud/scripts/per-boot',
    '/var/lib/cloud/scripts/per-instance',
    '/var/lib/cloud/scripts/per-once',
    '/var/lib/cloud/sem',
  ]) {
    await vfs.mkdir(d, { recursive: true });
  }
  await vfs.rm('/var/lib/cloud/instance', { force: true });
  await vfs.symlink(instDir, '/var/lib/cloud/instance');
  await vfs.writeFile('/var/lib/cloud/data/instance-id', `${opts.instanceId}\n`);
  await vfs.writeFile(`${instDir}/user-data.txt`, opts.userData ?? '');
  await vfs.chmod(`${instDir}/user-data.txt`, 0o600);

  // Consume user data (every boot): scripts to scripts/, cloud-config merged over the image's.
  const parts = splitUserData(opts.userData ?? '');
  for (const name of await vfs.readdir(`${instDir}/scripts`))
    await vfs.rm(`${instDir}/scripts/${name}`, { recursive: true });
  const userConfigs: CloudConfig[] = [];
  const boothooks: UserDataPart[] = [];
  for (const part of parts) {
    const perDir = /^text\/x-shellscript-per-(boot|instance|once)$/.exec(part.type)?.[1];
    if (part.type === 'text/x-shellscript')
      await writeScript(vfs, `${instDir}/scripts/${part.filename}`, part.content);
    else if (perDir)
      await writeScript(vfs, `/var/lib/cloud/scripts/per-${perDir}/${part.filename}`, part.content);
    else if (part.type === 'text/cloud-config') {
      const parsed = parseCloudConfig(part.content);
      if (typeof parsed === 'string') await log(`${new Date().toISOString()} - util.py[WARNING]: ${parsed}`);
      else userConfigs.push(parsed);
    } else if (part.type === 'text/cloud-boothook') boothooks.push(part);
    else
      await log(
        `${new Date().toISOString()} - __init__.py[WARNING]: Unhandled non-multipart (${part.type}) userdata: '${part.content.slice(0, 40)}...'`,
      );
  }
  const config = mergeConfigs(loadImageConfig(os.rootFilesystem), ...userConfigs);
  const user = os.findUser(defaultUserName(config) ?? '') ?? undefined;

  await log(bootMessages.start('init', firstBoot));
  for (const hook of boothooks) await runScript(`boothook ${hook.filename}`, hook.content);

  const modules: Array<[string, ModuleEntry[]]> = [
    ['init', moduleList(config, 'cloud_init_modules')],
    ['config', moduleList(config, 'cloud_config_modules')],
    ['final', moduleList(config, 'cloud_final_modules')],
  ];
  for (const [stage, list] of modules) {
    if (stage !== 'init') await log(bootMessages.start(stage, firstBoot));
    for (const m of list) {
      const freq = m.frequency ?? defaultFrequency[m.name] ?? 'once-per-instance';
      if (!(m.name in defaultFrequency)) continue; // modules the sandbox does not model
      if (!(await semaphore(m.name, freq))) continue;
      switch (m.name) {
        case 'bootcmd': {
          const script = commandsToScript(config.bootcmd);
          if (script) {
            await writeScript(vfs, `${instDir}/bootcmd`, script);
            await runScript(`${instDir}/bootcmd`, script);
          }
          break;
        }
        case 'write_files':
          for (const e of await runWriteFiles(os, vfs, config, false)) await log(e);
          break;
        case 'ssh':
          if (!readHostKey(os.rootFilesystem)) installHostKey(os.rootFilesystem, `root@${os.hostname}`);
          if (opts.keyPairPublicKey && user)
            await writeKeyPairKey(os, vfs, user, opts.keyPairPublicKey, config.disable_root !== false);
          break;
        case 'runcmd': {
          const script = commandsToScript(config.runcmd);
          if (script) await writeScript(vfs, `${instDir}/scripts/runcmd`, script);
          break;
        }
        case 'scripts_per_once':
        case 'scripts_per_boot':
        case 'scripts_per_instance': {
          const dir = `/var/lib/cloud/scripts/${m.name.slice(8).replace('_', '-')}`;
          for (const name of await vfs.readdir(dir))
            await runScript(`${dir}/${name}`, await vfs.readFile(`${dir}/${name}`));
          break;
        }
        case 'scripts_user':
          for (const name of await vfs.readdir(`${instDir}/scripts`)) {
            await runScript(
              `/var/lib/cloud/instance/scripts/${name}`,
              await vfs.readFile(`${instDir}/scripts/${name}`),
            );
          }
          break;
        case 'write_files_deferred':
          for (const e of await runWriteFiles(os, vfs, config, true)) await log(e);
          break;
        case 'keys_to_console':
          await log(bootMessages.hostKeys(readHostKey(os.rootFilesystem)?.publicKey));
          break;
        case 'final_message':
          await log(bootMessages.final(opts.instanceId));
          break;
      }
    }
  }
  if (!readHostKey(os.rootFilesystem)) installHostKey(os.rootFilesystem, `root@${os.hostname}`); // sshd-keygen at boot
  await vfs.writeFile('/var/lib/cloud/instance/boot-finished', `${Date.now() / 1000} up\n`);
  const key = readHostKey(os.rootFilesystem);
  return {
    firstBoot,
    consoleOutput: console,
    hostKeyFingerprint: key ? publicKeyFingerprint(key.publicKey) : undefined,
  };
}

/** Default frequencies of the modules the sandbox implements (cloud-init's own defaults). */
const defaultFrequency: Record<string, Frequency> = {
  bootcmd: 'always',
  write_files: 'once-per-instance',
  users_groups: 'once-per-instance',
  ssh: 'once-per-instance',
  runcmd: 'once-per-instance',
  scripts_per_once: 'once',
  scripts_per_boot: 'always',
  scripts_per_instance: 'once-per-instance',
  scripts_user: 'once-per-instance',
  write_files_deferred: 'once-per-instance',
  keys_to_console: 'once-per-instance',
  ssh_authkey_fingerprints: 'once-per-instance',
  final_message: 'always',
};

async function writeScript(vfs: UnixVfs, path: string, content: string): Promise<void> {
  await vfs.writeFile(path, content.replace(/\r\n/g, '\n'));
  await vfs.chmod(path, 0o700);
}
