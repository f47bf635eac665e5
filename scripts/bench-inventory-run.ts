// The body of `npm run bench:inventory`, bundled and started by bench-inventory.mjs (not run in CI).
import { DescribeKeyPairsCommand, EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { ResolvedAccount } from '../src/aws/account-types';
import { InventoryEc2Protocol } from '../src/inventory/inventory-ec2-protocol';
import { loadRegions } from '../src/inventory/inventory-loader';
import type { BenchSandboxPlan, BenchSandboxReady } from './bench-inventory-sandbox';

const cpuQuery = 'cpu?'; // the sandbox script's query message (kept in sync with cpuQuery there)

const REGIONS = [
  'us-east-1',
  'eu-west-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-south-1',
];
const KEY_PAIRS = 200;
const INSTANCES = 500;
const LATENCY_MS = 150;
const RUNS = 3;

interface Scenario {
  title: string;
  keyPairs: number[];
  instances: number[];
}

/** `total` spread over the regions as evenly as whole numbers allow (the first regions get one more). */
function spread(total: number): number[] {
  return REGIONS.map(
    (_, index) => Math.floor(total / REGIONS.length) + (index < total % REGIONS.length ? 1 : 0),
  );
}

// The scale, "17 regions × 200 key pairs × 500 instances", read both ways: the account's
// totals spread over 17 regions, and the same counts in every region (17× the data; on a 2-core
// machine that one is bound by the CPU the client and the simulated AWS share, not by latency).
const SCENARIOS: Scenario[] = [
  {
    title: `${REGIONS.length} regions holding ${KEY_PAIRS} key pairs and ${INSTANCES} instances between them`,
    keyPairs: spread(KEY_PAIRS),
    instances: spread(INSTANCES),
  },
  {
    title: `stress: ${KEY_PAIRS} key pairs and ${INSTANCES} instances in each of the ${REGIONS.length} regions`,
    keyPairs: REGIONS.map(() => KEY_PAIRS),
    instances: REGIONS.map(() => INSTANCES),
  },
];

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function time(label: string, run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  const result = median(samples);
  console.log(
    `  ${label.padEnd(44)} ${result.toFixed(0).padStart(6)} ms  (runs: ${samples.map((sample) => sample.toFixed(0)).join(', ')})`,
  );
  return result;
}

/** The same SDK calls KeyRescue makes for one region, one after the other. */
async function oneRegionSequential(client: EC2Client): Promise<number> {
  const keyPairs = await client.send(new DescribeKeyPairsCommand({ IncludePublicKey: true }));
  let instances = 0;
  for await (const page of paginateDescribeInstances({ client, pageSize: 1000 }, {})) {
    for (const reservation of page.Reservations ?? []) instances += reservation.Instances?.length ?? 0;
  }
  return (keyPairs.KeyPairs?.length ?? 0) + instances;
}

/** Runs every scenario and prints the timings and ratios of each. */
export async function runInventoryBenchmark(sandboxScript: string): Promise<void> {
  for (const scenario of SCENARIOS) await runScenario(sandboxScript, scenario);
}

/** Fills a sandbox for one scenario, injects latency and prints the timings and ratios. */
async function runScenario(sandboxScript: string, scenario: Scenario): Promise<void> {
  console.log(`\n=== ${scenario.title}`);
  console.log('Filling the sandbox (the stress scenario takes a minute or two) …');
  const child = fork(sandboxScript);
  const ready = await new Promise<BenchSandboxReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as BenchSandboxReady));
    child.once('exit', (code) => reject(new Error(`the benchmark sandbox exited (${code})`)));
    const plan: BenchSandboxPlan = {
      regions: REGIONS,
      keyPairs: scenario.keyPairs,
      instances: scenario.instances,
      latencyMs: LATENCY_MS,
    };
    child.send(plan);
  });
  const credentials = { accessKeyId: ready.accessKeyId, secretAccessKey: ready.secretAccessKey };
  // The loop and the chain use the clients KeyRescue uses (its DescribeInstances reader included), so
  // the ratios measure how the regions are read, not how a reply is parsed; a loop with the SDK's
  // generic deserializer is printed for reference.
  const makeClients = (protocol?: typeof InventoryEc2Protocol) =>
    new Map(
      REGIONS.map((region) => [
        region,
        new EC2Client({
          region,
          endpoint: ready.endpoint,
          credentials,
          maxAttempts: 6,
          ...(protocol ? { protocol } : {}),
        }),
      ]),
    );
  const clients = makeClients(InventoryEc2Protocol);
  const sdkClients = makeClients();
  const client = (region: string) => clients.get(region) as EC2Client;

  const account: ResolvedAccount = {
    id: 'bench',
    label: 'bench',
    kind: 'endpoint',
    region: 'us-east-1',
    endpoint: ready.endpoint,
    needsMfa: false,
    credentials: async () => credentials,
    mode: 'sandbox',
  };

  // Warm up both paths once (the SDK resolves endpoints and loads modules lazily).
  await loadRegions(account, REGIONS);
  await oneRegionSequential(client('us-east-1'));
  await oneRegionSequential(sdkClients.get('us-east-1') as EC2Client);
  const check = await loadRegions(account, REGIONS);
  const keyPairCount = check.reduce(
    (sum, region) => sum + (region.status === 'ok' ? region.keyPairs.length : 0),
    0,
  );
  const instanceCount = check.reduce(
    (sum, region) =>
      sum +
      (region.status === 'ok' ? region.keyPairs.reduce((n, keyPair) => n + keyPair.instances.length, 0) : 0),
    0,
  );
  console.log(
    `Loaded ${keyPairCount} key pairs and ${instanceCount} instances; ${check.filter((region) => region.status === 'error').length} regions failed.`,
  );

  console.log(`With ${LATENCY_MS} ms injected latency per request (median of ${RUNS}):`);
  const sandboxCpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (message) => resolve((message as { cpuMs: number }).cpuMs));
      child.send(cpuQuery);
    });
  const clientCpu = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const [clientBefore, sandboxBefore] = [clientCpu(), await sandboxCpu()];
  const keyrescue = await time('KeyRescue all-region inventory', () => loadRegions(account, REGIONS));
  const [clientAfter, sandboxAfter] = [clientCpu(), await sandboxCpu()];
  console.log(
    `    CPU per run: client ${((clientAfter - clientBefore) / RUNS).toFixed(0)} ms, sandbox ${((sandboxAfter - sandboxBefore) / RUNS).toFixed(0)} ms ` +
      `(a run cannot be shorter than the busier of the two on this machine)`,
  );
  const sequential = await time('sequential per-region loop, same SDK calls', async () => {
    for (const region of REGIONS) await oneRegionSequential(client(region));
  });
  const chain = await time('one request chain (one region, sequential)', () =>
    oneRegionSequential(client('us-east-1')),
  );
  const sdkSequential = await time('(reference) the loop with the SDK deserializer', async () => {
    for (const region of REGIONS) await oneRegionSequential(sdkClients.get(region) as EC2Client);
  });

  console.log(`speed-up over the sequential loop: ${(sequential / keyrescue).toFixed(1)}×   (target ≥ 10×)`);
  console.log(`total vs one request chain:       ${(keyrescue / chain).toFixed(2)}×   (target ≤ 1.3×)`);

  console.log(
    `(reference) speed-up over the loop with the SDK's generic deserializer: ${(sdkSequential / keyrescue).toFixed(1)}×`,
  );
  for (const entry of [...clients.values(), ...sdkClients.values()]) entry.destroy();
  child.removeAllListeners('exit');
  child.kill();
}
