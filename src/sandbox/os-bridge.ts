import { gunzipSync } from 'node:zlib';
import { apiError } from './api-error';
import type { SandboxClock } from './clock';
import { findAmi, isNitro } from './images';
import { privateDnsName } from './instance-view';
import { attachedVolumes } from './lookups';
import type { InstanceRecord, RegionState, SandboxState, VolumeRecord } from './model';
import type { ExecResult, OsRuntime } from './os-runtime';
import { ingressAllowsTcp } from './security-group-rules';
import {
  bootInstance,
  createImageFilesystem,
  InstanceOs,
  kernelDeviceNames,
  runScriptFile,
  startInstanceSshServer,
  type BlockDevice,
  type InstanceSshServer,
  type OsImage,
  type SandboxFilesystem,
} from './os';

/**
 * The simulated public address of the computer using the sandbox, unless the sandbox is told
 * another: inside the demo's office range (203.0.113.0/24), so its SSH instances admit it.
 */
export const defaultClientAddress = '203.0.113.7';

/** Tag on each running instance that serves SSH: where its sshd listens on loopback. */
export const sshEndpointTag = 'keyrescue:ssh-endpoint';

interface LiveInstance {
  os: InstanceOs;
  server?: InstanceSshServer;
  nitro: boolean;
  nextNvmeIndex: number;
}

function blockDeviceFor(
  volume: VolumeRecord,
  requestedDevice: string,
  nitro: boolean,
  nvmeIndex: number,
): BlockDevice {
  const names = kernelDeviceNames({
    requestedDevice,
    nitro,
    nvmeIndex,
    partitioned: volume.partitioned === true,
  });
  const filesystem = (volume.filesystem ?? undefined) as SandboxFilesystem | undefined;
  return { ...names, volumeId: volume.volumeId, sizeGiB: volume.size, ...(filesystem ? { filesystem } : {}) };
}

function setSshTag(instance: InstanceRecord, port: number | undefined): void {
  instance.tags = instance.tags.filter((tag) => tag.Key !== sshEndpointTag);
  if (port !== undefined) instance.tags.push({ Key: sshEndpointTag, Value: `127.0.0.1:${port}` });
}

function previousPort(instance: InstanceRecord): number {
  const value = instance.tags.find((tag) => tag.Key === sshEndpointTag)?.Value;
  const port = Number(value?.split(':')[1]);
  return Number.isInteger(port) && port > 0 ? port : 0;
}

/** What cloud-init reads from IMDS: the raw bytes, gunzipped first when gzip (util.decomp_gzip, quiet). */
function decodeUserData(userData: string | undefined): string | undefined {
  if (!userData) return undefined;
  const raw = Buffer.from(userData, 'base64');
  if (raw[0] !== 0x1f || raw[1] !== 0x8b) return raw.toString('utf8');
  try {
    return gunzipSync(raw).toString('utf8');
  } catch {
    return raw.toString('utf8');
  }
}

/**
 * The bridge from the API state machine to the simulated operating systems (src/sandbox/os):
 * builds an InstanceOs over the instance's attached volumes, runs cloud-init at boot, starts a
 * per-instance ssh2 server on loopback (tagging the instance with its port) that admits a TCP
 * connection only when the instance's security groups allow tcp/22 from the client address, hot-plugs volumes
 * and runs SSM scripts as root. Volume filesystems are shared by reference with the state, so a
 * guest's writes land in the state that the store persists.
 */
export function createOsRuntime(
  clock: SandboxClock,
  onChange: () => void = () => undefined,
  clientAddress: () => string = () => defaultClientAddress,
): OsRuntime {
  const live = new Map<string, LiveInstance>();
  const contexts = new Map<string, { region: string; rs: RegionState }>();

  function imageOf(region: string, instance: InstanceRecord): OsImage {
    const ami = findAmi(region, instance.imageId);
    if (!ami) throw new Error(`Unknown image ${instance.imageId}`);
    return ami.os;
  }

  async function startOs(
    region: string,
    rs: RegionState,
    instance: InstanceRecord,
    boot: boolean,
  ): Promise<string> {
    const image = imageOf(region, instance);
    const nitro = isNitro(instance.instanceType);
    const volumes = attachedVolumes(rs, instance).filter(
      (volume) => volume.attachment?.state !== 'attaching',
    );
    const rootVolume = volumes.find((volume) => volume.attachment?.device === instance.rootDeviceName);
    if (!rootVolume?.filesystem)
      throw new Error(`${instance.instanceId} has no root volume at ${instance.rootDeviceName}`);
    let nvmeIndex = 1;
    const devices = volumes
      .filter((volume) => volume !== rootVolume)
      .map((volume) => blockDeviceFor(volume, volume.attachment?.device ?? '/dev/sdf', nitro, nvmeIndex++));
    const root = blockDeviceFor(rootVolume, instance.rootDeviceName, nitro, 0) as BlockDevice & {
      filesystem: SandboxFilesystem;
    };
    const os = new InstanceOs({
      root,
      devices,
      hostname: privateDnsName(region, instance.privateIpAddress),
      onChange,
    });
    const consoleOutput = boot
      ? (
          await bootInstance(os, {
            instanceId: instance.instanceId,
            userData: decodeUserData(instance.userData),
            keyPairPublicKey: instance.launchPublicKey,
          })
        ).consoleOutput
      : '';
    const entry: LiveInstance = { os, nitro, nextNvmeIndex: nvmeIndex };
    live.set(instance.instanceId, entry);
    contexts.set(instance.instanceId, { region, rs });
    if (!image.ssh) return consoleOutput;
    const extraAuthorizedKeys = image.instanceConnect
      ? (user: string) =>
          rs.instanceConnectKeys
            .filter(
              (key) =>
                key.instanceId === instance.instanceId && key.osUser === user && key.expiresAt > clock.now(),
            )
            .map((key) => key.publicKey)
      : undefined;
    // Security groups are read on each connection, so an ingress change applies to the next one.
    // An instance without a public address is not reachable from this computer at all.
    const acceptsConnection = () => {
      const current = rs.instances.find((candidate) => candidate.instanceId === instance.instanceId);
      if (current?.publicIpAddress === undefined) return false;
      const groups = rs.securityGroups.filter((group) => current?.securityGroupIds.includes(group.groupId));
      return ingressAllowsTcp(groups, 22, clientAddress());
    };
    const start = (port: number) =>
      startInstanceSshServer({ host: '127.0.0.1', port, os, extraAuthorizedKeys, acceptsConnection });
    // Keep the same loopback port across sandbox restarts when it is still free.
    entry.server = await start(previousPort(instance)).catch(() => start(0));
    setSshTag(instance, entry.server.port);
    return consoleOutput;
  }

  async function stopOs(instance: InstanceRecord): Promise<void> {
    const entry = live.get(instance.instanceId);
    live.delete(instance.instanceId);
    contexts.delete(instance.instanceId);
    setSshTag(instance, undefined);
    await entry?.server?.close();
  }

  function diskOf(
    instance: InstanceRecord,
    volume: VolumeRecord,
  ): { entry: LiveInstance; disk: BlockDevice } | undefined {
    const entry = live.get(instance.instanceId);
    const disk = entry?.os.blockDevices().find((candidate) => candidate.volumeId === volume.volumeId);
    return entry && disk ? { entry, disk } : undefined;
  }

  return {
    rootFilesystemForImage: (imageId) => createImageFilesystem(imageId),
    emptyFilesystem: () => null,
    boot: (region, rs, instance) => startOs(region, rs, instance, true),
    shutdown: stopOs,
    async hotAttach(instance, volume, device) {
      const entry = live.get(instance.instanceId);
      if (!entry) return;
      entry.os.attachDevice(blockDeviceFor(volume, device, entry.nitro, entry.nextNvmeIndex++));
    },
    async hotDetach(instance, volume) {
      const found = diskOf(instance, volume);
      if (!found) return;
      volume.filesystem = found.disk.filesystem ?? null;
      found.entry.os.detachDevice(found.disk.device);
    },
    isMounted(instance, volume) {
      const found = diskOf(instance, volume);
      return found ? found.entry.os.isDeviceMounted(found.disk.device) : false;
    },
    async runAsRoot(instanceId, script, run): Promise<ExecResult> {
      const entry = live.get(instanceId);
      const context = contexts.get(instanceId);
      const instance = context?.rs.instances.find((candidate) => candidate.instanceId === instanceId);
      if (!entry || !context || !instance)
        throw apiError('InvalidInstanceId', `Instance ${instanceId} is not running`);
      const binSh = imageOf(context.region, instance).binSh;
      const root = entry.os.findUser('root');
      const signal = run.signal ? { signal: run.signal } : {};
      if (!binSh || !root) return entry.os.exec(script, { user: 'root', cwd: '/', ...signal });
      return runScriptFile(entry.os, root, script, { binSh, cwd: '/', ...run });
    },
    async resume(state: SandboxState) {
      for (const [region, rs] of Object.entries(state.regions)) {
        for (const instance of rs.instances) {
          if (instance.state === 'running')
            await startOs(region, rs, instance, false).catch((error: unknown) => {
              console.error(
                `sandbox: ${instance.instanceId} could not resume its guest OS: ${(error as Error).message}`,
              );
            });
        }
      }
    },
    syncToState() {
      // A guest `mkfs` on a blank disk creates a filesystem object: copy it to the volume record.
      for (const [instanceId, entry] of live) {
        const rs = contexts.get(instanceId)?.rs;
        for (const disk of entry.os.blockDevices()) {
          const volume = rs?.volumes.find((candidate) => candidate.volumeId === disk.volumeId);
          if (volume && disk.filesystem && volume.filesystem !== disk.filesystem)
            volume.filesystem = disk.filesystem;
        }
      }
    },
    connectSsh(instanceId, stream) {
      const server = live.get(instanceId)?.server;
      if (!server) return false;
      server.acceptStream(stream);
      return true;
    },
    async stopAll() {
      const servers = [...live.values()].map((entry) => entry.server?.close());
      live.clear();
      await Promise.all(servers);
    },
  };
}
