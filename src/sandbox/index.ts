import type { Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ActivityLog } from './activity-log';
import { systemClock, type SandboxClock } from './clock';
import { ec2Actions } from './ec2-actions';
import { createOpenTunnelServer } from './eic-open-tunnel';
import { timingsBySpeed, type SandboxEngine, type SandboxTimings } from './engine';
import { FaultTable, type FaultSpec } from './faults';
import { startHttpServer } from './http-server';
import { applyLaunchTraits, type LaunchTraits } from './launch-traits';
import { advanceTransitions } from './lifecycle';
import type { SandboxState } from './model';
import { Mutex } from './mutex';
import type { OsRuntime } from './os-runtime';
import { createOsRuntime, defaultClientAddress } from './os-bridge';
import { parseIpv4 } from './security-group-rules';
import { applyDemoSeed } from './seed-demo';
import { createEmptyState, sandboxRegions } from './seed-empty';
import { StateStore } from './state-store';
import { stsActions } from './sts';
import { jsonServices } from './json-services';

export { ManualClock, systemClock, type SandboxClock } from './clock';
export type { ActivityLog, RequestEntry, TransitionEntry } from './activity-log';
export { timingsBySpeed, type SandboxTimings } from './engine';
export type { FaultSpec } from './faults';
export type { LaunchTraits } from './launch-traits';
export type { SandboxState } from './model';
export { defaultClientAddress, sshEndpointTag } from './os-bridge';
export { lostKeyName } from './seed-demo';
export { sandboxRegions } from './seed-empty';
export { instanceConnectKeyLifetimeMs } from './eic';

/** How to start a sandbox account. */
export interface SandboxOptions {
  /** Loopback only; other hosts are refused. */
  host?: '127.0.0.1';
  /** 0 (default) picks a free port. */
  port?: number;
  /** JSON file the state persists to; restored from it when it exists. Omitted = memory only. */
  stateFile?: string;
  /** Contents of a new account (ignored when the state file exists). Default `empty`. */
  seed?: 'demo' | 'empty';
  /** `instant` (default, tests) or `realistic` (seconds-long transitions, practice account). */
  speed?: 'instant' | 'realistic';
  /** Transition times of its own instead of `speed`'s (the recovery benchmark's AWS-like profile). */
  timings?: SandboxTimings;
  /** Time source; tests pass a ManualClock to move time (e.g. Instance Connect expiry). */
  clock?: SandboxClock;
  /**
   * Where the `demo` seed writes the practice private keys (mode 0600). Default: `practice-keys/`
   * beside the state file, or a new temp folder when there is no state file.
   */
  keysDir?: string;
  /**
   * This computer's public IPv4 address as the simulated internet sees it (`GET /checkip`): an
   * instance's SSH endpoint admits a connection only if a security group allows tcp/22 from it.
   * Default {@link defaultClientAddress}, which the demo's SSH instances allow.
   */
  clientAddress?: string;
}

/** Test and practice-UI hooks into a running sandbox. */
export interface SandboxControl {
  /** Injects a fault into requests for an action name (`DescribeInstances`) or `*` for all. */
  setFault(action: string, spec: FaultSpec): void;
  /** Removes one action's fault, or all. */
  clearFaults(action?: string): void;
  /** How many requests of an action a fault was applied to. */
  faultCount(action: string): number;
  /** Denies IAM actions (`ec2:StopInstances`, `ssm:SendCommand`): DryRun → UnauthorizedOperation. */
  deny(permissions: string[]): void;
  /** Re-allows denied actions. */
  allow(permissions: string[]): void;
  /** The live state (read it; change it only through the API). */
  readonly state: SandboxState;
  readonly clock: SandboxClock;
  /** Every request and timed transition, newest kept (what a benchmark measures a client by). */
  readonly activity: ActivityLog;
  /** Runs due transitions now (tests with a manual clock call it after advancing). */
  tick(): Promise<void>;
  /** Writes the state file now. */
  save(): Promise<void>;
  /** The simulated public address of this computer (see {@link SandboxOptions.clientAddress}). */
  readonly clientAddress: string;
  /** Moves this computer to another public address (a new network): security groups judge it from now on. */
  setClientAddress(address: string): void;
  /**
   * Test fixture: gives an instance what a launch the sandbox does not model would have (an
   * instance-store root, Marketplace product codes, Auto Scaling membership). Region default us-east-1.
   */
  applyLaunchTraits(instanceId: string, traits: LaunchTraits, region?: string): void;
  /** Folder with the demo seed's private keys (`<key-name>.pem`, `laptop-rsa`, `eu-deploy`); undefined for `empty`. */
  readonly demoKeysDir?: string;
}

/** A started sandbox: where it listens, its credentials, and its control surface. */
export interface RunningSandbox {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** The default region (us-east-1). */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  control: SandboxControl;
  /** Stops the server and SSH servers and saves the state. */
  stop(): Promise<void>;
}

async function demoKeysFolder(options: SandboxOptions): Promise<string> {
  if (options.keysDir) return options.keysDir;
  if (options.stateFile) return join(dirname(options.stateFile), 'practice-keys');
  return mkdtemp(join(tmpdir(), 'keyrescue-practice-keys-'));
}

function checkedClientAddress(address: string): string {
  if (parseIpv4(address) === undefined)
    throw new Error(`The sandbox client address must be IPv4: ${address}`);
  return address;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts the simulated AWS account: one HTTP server on 127.0.0.1 speaking EC2 Query, STS Query,
 * SSM JSON 1.1, EC2 Instance Connect JSON and the Instance Connect Endpoint OpenTunnel WebSocket, backed by a state machine persisted to `stateFile`.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The sandbox listens on 127.0.0.1 only.');
  const clock = options.clock ?? systemClock;
  let clientAddress = checkedClientAddress(options.clientAddress ?? defaultClientAddress);
  const restored = options.stateFile ? await StateStore.load(options.stateFile) : undefined;
  const state = restored ?? createEmptyState();
  const store = new StateStore(state, options.stateFile);
  const os: OsRuntime = createOsRuntime(
    clock,
    () => store.markDirty(),
    () => clientAddress,
  );
  store.beforeSave = () => os.syncToState();
  const activity = new ActivityLog();
  const timings = options.timings ?? timingsBySpeed[options.speed ?? 'instant'];
  const engine: SandboxEngine = { store, clock, timings, os, activity };
  let demoKeysDir: string | undefined;
  if (!restored && options.seed === 'demo') {
    demoKeysDir = await demoKeysFolder(options);
    await applyDemoSeed({ ...engine, timings: timingsBySpeed.instant }, demoKeysDir);
    activity.clear(); // the seed's own boots are not the API's
  } else if (restored) {
    await os.resume(state);
    const folder = options.seed === 'demo' ? await demoKeysFolder(options) : undefined;
    demoKeysDir = folder && existsSync(folder) ? folder : undefined;
  }
  const faults = new FaultTable();
  const mutex = new Mutex();
  const tick = async () => {
    if (await advanceTransitions(engine)) store.markDirty();
  };
  const tunnels = createOpenTunnelServer({ engine, mutex, tick, clientAddress: () => clientAddress });
  const { server, port } = await startHttpServer(
    {
      engine,
      faults,
      mutex,
      ec2: { iamPrefix: 'ec2', actions: ec2Actions },
      sts: { iamPrefix: 'sts', actions: stsActions },
      json: jsonServices,
      tick,
      clientAddress: () => clientAddress,
      upgrade: tunnels.upgrade,
    },
    host,
    options.port ?? 0,
  );
  store.markDirty();
  await store.flush();
  const timer = setInterval(() => {
    mutex
      .run(async () => {
        await tick();
        await store.flush();
      })
      .catch((error: unknown) =>
        console.error(`sandbox: background step failed: ${(error as Error).message}`),
      );
  }, 250);
  timer.unref();
  const control: SandboxControl = {
    setFault: (action, spec) => faults.set(action, spec),
    clearFaults: (action) => faults.clear(action),
    faultCount: (action) => faults.applied.get(action) ?? 0,
    deny: (permissions) => {
      state.deniedActions = [...new Set([...state.deniedActions, ...permissions])];
      store.markDirty();
    },
    allow: (permissions) => {
      state.deniedActions = state.deniedActions.filter((entry) => !permissions.includes(entry));
      store.markDirty();
    },
    state,
    clock,
    activity,
    get clientAddress() {
      return clientAddress;
    },
    setClientAddress: (address) => {
      clientAddress = checkedClientAddress(address);
    },
    applyLaunchTraits: (instanceId, traits, region = sandboxRegions[0]) => {
      applyLaunchTraits(state, region, instanceId, traits);
      store.markDirty();
    },
    tick: () => mutex.run(tick),
    save: () => mutex.run(() => store.flush()),
    demoKeysDir,
  };
  let stopped = false;
  return {
    endpoint: `http://${host}:${port}`,
    region: sandboxRegions[0],
    accessKeyId: state.accessKeyId,
    secretAccessKey: state.secretAccessKey,
    control,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      tunnels.close();
      await closeServer(server);
      await mutex.run(async () => {
        await os.stopAll();
        store.markDirty();
        await store.flush();
      });
      // A keys folder the sandbox made in the temp folder dies with it: no state file remembers it.
      if (demoKeysDir && !options.keysDir && !options.stateFile) {
        await rm(demoKeysDir, { recursive: true, force: true });
      }
    },
  };
}
