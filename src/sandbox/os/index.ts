/**
 * Sandbox instance operating systems — the public API for the sandbox server.
 *
 * Usage (server side):
 * ```ts
 * import { createImageFilesystem, getOsImage, InstanceOs, bootInstance, startInstanceSshServer,
 *          kernelDeviceNames, parseSandboxFilesystem } from './os/index.js';
 *
 * // RunInstances: the root volume gets the AMI's filesystem (plain JSON; keep it in the state file).
 * const image = getOsImage('al2023');
 * const rootFs = createImageFilesystem(image.id);                       // volume.filesystem
 * const names = kernelDeviceNames({ requestedDevice: image.rootDeviceName, nitro: true, nvmeIndex: 0, partitioned: image.partitioned });
 * const os = new InstanceOs({ root: { ...names, filesystem: rootFs, volumeId }, onChange: scheduleSave });
 *
 * // pending → running (every start/reboot): cloud-init. firstBoot is derived from the filesystem.
 * const boot = await bootInstance(os, { instanceId, userData: decodedText, keyPairPublicKey });
 * consoleOutput += boot.consoleOutput;                                   // GetConsoleOutput
 *
 * // SSH on loopback while running (Linux images with image.ssh):
 * const ssh = await startInstanceSshServer({ os, extraAuthorizedKeys: (user) => liveEicKeys(instanceId, user) });
 * tags['keyrescue:ssh-endpoint'] = `127.0.0.1:${ssh.port}`;            // on stop: await ssh.close()
 *
 * // SSM AWS-RunShellScript (only when image.ssmAgent): run as root with the image's /bin/sh.
 * const r = await runScriptFile(os, os.findUser('root'), `${commands.join('\n')}\n`, { binSh: image.binSh, scriptPath });
 *
 * // AttachVolume / DetachVolume on a running instance:
 * os.attachDevice({ ...kernelDeviceNames({ requestedDevice: '/dev/sdf', nitro, nvmeIndex: 1, partitioned: true }), filesystem: vol.filesystem, volumeId });
 * if (os.isDeviceMounted('/dev/nvme1n1')) { ... } os.detachDevice('/dev/nvme1n1');
 *
 * // State file load: parseSandboxFilesystem(json) validates a stored filesystem.
 * ```
 * InstanceOs edits the filesystem objects in place (and calls `onChange`); mounts live only in
 * memory (a stop/start clears them, as a reboot does). Create a new InstanceOs after a restart
 * of the sandbox from the stored root filesystem and the attached volumes.
 *
 * The guest shell is just-bash 3.4.2 over a permission-checking VFS, plus sandbox commands:
 * sudo, su, runuser, id, whoami, groups, getent, hostname, umask, chown, chgrp, chmod, stat,
 * install, mktemp, mkdir -m, cp -p/-a, ls -l, realpath, readlink -f, lsblk, blkid, mount,
 * umount, findmnt, dmesg, sshd -T, ssh-keygen -l, uname, sync, logger, selinuxenabled,
 * getenforce, restorecon/chcon (no-ops), cloud-init status, systemctl is-active/status, and
 * bash/sh -s -e -u -x. /dev has the block devices and /dev/disk/by-{id,uuid,label} links.
 * Known gaps: no chroot, no hard links (stored as copies), no SELinux labels, no sftp subsystem,
 * shell variables do not persist between lines of an interactive (pty) session.
 */
export type {
  SandboxFilesystem,
  SandboxFsEntry,
  SandboxFsType,
  SandboxFileEntry,
  SandboxDirEntry,
  SandboxSymlinkEntry,
} from './sandbox-filesystem.js';
export {
  cloneFilesystem,
  createEmptyFilesystem,
  parseSandboxFilesystem,
  putDir,
  putFile,
  putSymlink,
  readFileText,
  sandboxFilesystemSchema,
} from './sandbox-filesystem.js';
export type { OsImage, OsImageId } from './os-images.js';
export { OS_IMAGES, createImageFilesystem, getOsImage } from './os-images.js';
export type { BlockDevice, KernelNameInput } from './block-devices.js';
export { kernelDeviceNames, nvmeSerial } from './block-devices.js';
export type { InstanceOsOptions, OsExecOptions, OsExecResult } from './instance-os.js';
export { InstanceOs } from './instance-os.js';
export type { BootOptions, BootResult } from './cloud-init.js';
export { bootInstance } from './cloud-init.js';
export type { InstanceSshServer, InstanceSshServerOptions } from './ssh-server.js';
export { startInstanceSshServer } from './ssh-server.js';
export type { HostKeyPair } from './host-keys.js';
export { generateEd25519HostKey, publicKeyFingerprint, readHostKey } from './host-keys.js';
export { splitUserData } from './user-data-parts.js';
export type { ScriptFileRun } from './script-file.js';
export { interpreterOf, runScriptFile } from './script-file.js';
