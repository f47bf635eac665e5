/**
 * The operating system of one sandbox instance: its root filesystem, attached block devices,
 * the mount table, and a shell (just-bash over {@link UnixVfs}) that executes commands as a
 * given user. Scripts are really executed — there is no pattern matching of command text.
 */
import { Bash, decodeBytesToUtf8, getCommandNames, stdoutAsBytes } from 'just-bash';
import type { PasswdEntry } from './accounts.js';
import { credentialsOf, findUser } from './accounts.js';
import type { BlockDevice } from './block-devices.js';
import type { ShellSession } from './commands/index.js';
import { createOsCommands } from './commands/index.js';
import { deviceLinks } from './devfs.js';
import { FsError, strerror } from './fs-errors.js';
import type { GuestOs, OsExecResult, RunOptions } from './guest-os.js';
import type { SandboxFilesystem } from './sandbox-filesystem.js';
import { readFileText } from './sandbox-filesystem.js';
import { UnixVfs } from './unix-vfs.js';
import type { MountRecord } from './vfs-resolver.js';
import type { VfsHost } from './vfs-types.js';
import { hasPermission, lookup, X } from './vfs-resolver.js';

/** Options for {@link InstanceOs}. */
export interface InstanceOsOptions {
  /** Root disk; its filesystem is mounted at '/'. */
  root: BlockDevice & { filesystem: SandboxFilesystem };
  /** Other attached disks (not mounted until the guest runs `mount`). */
  devices?: BlockDevice[];
  /** Guest hostname, e.g. 'ip-172-31-5-10.ec2.internal' (default: /etc/hostname). */
  hostname?: string;
  /** Called after any change to a filesystem or the mount table (debounce it before saving). */
  onChange?: () => void;
}

/** Options for {@link InstanceOs.exec}. */
export interface OsExecOptions {
  /** Login name (or numeric uid) to run as; must exist in the guest's /etc/passwd. */
  user: string;
  stdin?: string | Uint8Array;
  /** Working directory (default: the user's home, or '/' when not accessible). */
  cwd?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  signal?: AbortSignal;
}

export type { OsExecResult, RunOptions } from './guest-os.js';

let commandNameCache: Set<string> | undefined;

/** just-bash's commands plus the sandbox's own (sudo, mount, …). */
function allCommandNames(): Set<string> {
  if (!commandNameCache) {
    // Building the command objects touches no session state, so a placeholder session is enough.
    const custom = createOsCommands({} as ShellSession).map((c) => c.name);
    commandNameCache = new Set([...getCommandNames(), ...custom, 'sh', 'bash']);
  }
  return commandNameCache;
}

/** One instance's running OS. */
export class InstanceOs implements GuestOs {
  readonly root: BlockDevice & { filesystem: SandboxFilesystem };
  private readonly disks: BlockDevice[];
  private readonly mountTable: MountRecord[];
  private readonly changed: () => void;
  private readonly hostnameOverride: string | undefined;
  /** Kernel messages since boot (`dmesg`); not persisted, like the real ring buffer. */
  readonly kernelLog: string[] = [];

  constructor(opts: InstanceOsOptions) {
    this.root = opts.root;
    this.disks = [...(opts.devices ?? [])];
    this.changed = opts.onChange ?? (() => undefined);
    this.hostnameOverride = opts.hostname;
    this.mountTable = [
      {
        mountPoint: '/',
        source: opts.root.partition ?? opts.root.device,
        fs: opts.root.filesystem,
        readOnly: false,
        options: ['rw'],
      },
    ];
  }

  /** 'windows' for an NTFS root (no POSIX shell there), else 'linux'. */
  get platform(): 'linux' | 'windows' {
    return this.root.filesystem.fsType === 'ntfs' ? 'windows' : 'linux';
  }

  /** The root filesystem (mounted at '/'). */
  get rootFilesystem(): SandboxFilesystem {
    return this.root.filesystem;
  }

  /** Guest hostname. */
  get hostname(): string {
    return (
      this.hostnameOverride ?? (readFileText(this.root.filesystem, '/etc/hostname') ?? 'localhost').trim()
    );
  }

  mounts(): readonly MountRecord[] {
    return this.mountTable;
  }

  blockDeviceNames(): string[] {
    const names: string[] = [];
    for (const d of this.blockDevices()) {
      names.push(d.device.slice(5));
      if (d.partition) names.push(d.partition.slice(5));
    }
    return names;
  }

  onChange(): void {
    this.changed();
  }

  deviceLinks(): ReadonlyMap<string, string> {
    return deviceLinks(this.blockDevices());
  }

  commandNames(): ReadonlySet<string> {
    return allCommandNames();
  }

  /** Root disk first, then attached disks. */
  blockDevices(): BlockDevice[] {
    return [this.root, ...this.disks];
  }

  /** Hot-plugs a disk (AttachVolume reaching 'attached'). */
  attachDevice(device: BlockDevice): void {
    if (this.blockDevices().some((d) => d.device === device.device))
      throw new Error(`${device.device} is already attached`);
    this.disks.push(device);
    this.changed();
  }

  /**
   * Removes a disk (DetachVolume). Any mount of it disappears, as if the device vanished under a
   * forced detach; callers should refuse a non-forced detach while {@link isDeviceMounted}.
   */
  detachDevice(device: string): BlockDevice | undefined {
    const idx = this.disks.findIndex((d) => d.device === device);
    if (idx < 0) return undefined;
    const [disk] = this.disks.splice(idx, 1);
    for (let i = this.mountTable.length - 1; i >= 0; i -= 1) {
      const m = this.mountTable[i];
      if (m && m.mountPoint !== '/' && (m.source === disk?.device || m.source === disk?.partition))
        this.mountTable.splice(i, 1);
    }
    this.changed();
    return disk;
  }

  /** Whether the disk (or its partition) is mounted somewhere. */
  isDeviceMounted(device: string): boolean {
    const disk = this.blockDevices().find((d) => d.device === device);
    return this.mountTable.some(
      (m) => m.source === device || (disk?.partition !== undefined && m.source === disk.partition),
    );
  }

  /** Adds a mount (used by the guest's `mount`; validation lives there). */
  addMount(record: MountRecord): void {
    this.mountTable.push(record);
    this.changed();
  }

  /** Removes the most recent mount at `mountPoint`; returns it. */
  removeMount(mountPoint: string): MountRecord | undefined {
    for (let i = this.mountTable.length - 1; i >= 0; i -= 1) {
      if (this.mountTable[i]?.mountPoint === mountPoint && mountPoint !== '/') {
        const [removed] = this.mountTable.splice(i, 1);
        this.changed();
        return removed;
      }
    }
    return undefined;
  }

  /** A reboot (or stop/start) forgets every mount except '/' and clears the kernel log. */
  resetMounts(): void {
    this.mountTable.splice(1);
    this.kernelLog.splice(0);
    this.changed();
  }

  /** Appends a line to the kernel log with a boot-relative timestamp. */
  logKernel(line: string): void {
    const t = (this.kernelLog.length * 0.731 + 3.2).toFixed(6).padStart(12);
    this.kernelLog.push(`[${t}] ${line}`);
  }

  /** Looks a login up in the guest's /etc/passwd. */
  findUser(nameOrUid: string | number): PasswdEntry | undefined {
    return findUser(this.root.filesystem, nameOrUid);
  }

  /** Runs a shell command line / script as `opts.user`, like `ssh user@host 'command'`. */
  async exec(command: string, opts: OsExecOptions): Promise<OsExecResult> {
    const user = this.findUser(opts.user);
    if (!user) return { stdout: '', stderr: `Invalid user ${opts.user}\n`, exitCode: 255 };
    return this.runAs(user, command, opts);
  }

  /** Runs a script with `user`'s credentials (sudo and cloud-init use this directly). */
  async runAs(user: PasswdEntry, script: string, opts: RunOptions = {}): Promise<OsExecResult> {
    if (this.platform !== 'linux')
      return {
        stdout: '',
        stderr: 'This sandbox instance runs Windows; it has no POSIX shell.\n',
        exitCode: 127,
      };
    const vfs = new UnixVfs(this.hostWith(opts.extraCommands), credentialsOf(this.root.filesystem, user));
    if (opts.umask !== undefined) vfs.umask = opts.umask;
    const cwd = opts.cwd ?? this.homeOrRoot(user);
    const env: Record<string, string> = {
      HOME: user.home,
      USER: user.name,
      LOGNAME: user.name,
      SHELL: user.shell,
      HOSTNAME: this.hostname,
      LANG: 'C.UTF-8',
      PATH:
        user.uid === 0
          ? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
          : '/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin:/bin',
      ...opts.env,
    };
    const bash = new Bash({
      fs: vfs,
      cwd,
      env,
      customCommands: [...createOsCommands({ os: this, vfs, user }), ...(opts.extraCommands ?? [])],
      // Defense-in-depth patches Node globals (timers, process) while a script runs; the sandbox
      // server's sockets share this process, so it must stay off. The guest is our own simulation.
      defenseInDepth: false,
      processInfo: { uid: user.uid, gid: user.gid },
    });
    for (const plugin of opts.transforms ?? []) bash.registerTransformPlugin(plugin);
    const stdin = opts.stdin;
    let result;
    try {
      result = await bash.exec(script, {
        rawScript: true,
        ...(typeof stdin === 'string'
          ? { stdin }
          : stdin
            ? { stdin: Buffer.from(stdin).toString('latin1'), stdinKind: 'bytes' as const }
            : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (err) {
      // A filesystem error just-bash did not turn into a shell diagnostic ends the shell, as a
      // fatal error would; report it the way bash words it.
      if (err instanceof FsError)
        return { stdout: '', stderr: `bash: ${err.path}: ${strerror(err)}\n`, exitCode: 1 };
      throw err;
    }
    return {
      stdout: decodeBytesToUtf8(stdoutAsBytes(result)),
      stderr: result.stderr,
      exitCode: result.exitCode,
    };
  }

  /** This OS as the filesystem sees it, with a run's own commands on PATH (/usr/bin) as well. */
  private hostWith(extra: RunOptions['extraCommands']): VfsHost {
    if (!extra?.length) return this;
    const names = new Set([...allCommandNames(), ...extra.map((command) => command.name)]);
    return {
      mounts: () => this.mounts(),
      blockDeviceNames: () => this.blockDeviceNames(),
      deviceLinks: () => this.deviceLinks(),
      onChange: () => this.onChange(),
      commandNames: () => names,
    };
  }

  private homeOrRoot(user: PasswdEntry): string {
    const creds = credentialsOf(this.root.filesystem, user);
    const loc = lookup(this, user.home);
    return loc.kind === 'fs' && loc.entry?.type === 'dir' && hasPermission(loc.entry, creds, X)
      ? user.home
      : '/';
  }
}
