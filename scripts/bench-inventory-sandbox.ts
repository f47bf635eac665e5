// The sandbox side of `npm run bench:inventory`: runs in its own process (forked by the benchmark)
// so the simulated AWS does not share a CPU with the client being measured, as real AWS would not.
import { EC2Client, ImportKeyPairCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { mapWithConcurrency } from '../src/async/map-with-concurrency';
import { generatePrivateKey, publicKeyToOpenSSH } from '../src/keys';
import { startSandbox } from '../src/sandbox';
import { amiIdFor } from '../src/sandbox/images';
import { emptyRegion } from '../src/sandbox/network-defaults';

export interface BenchSandboxReady {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface BenchSandboxPlan {
  regions: string[];
  /** Key pairs and instances of each region, in the order of `regions`. */
  keyPairs: number[];
  instances: number[];
  latencyMs: number;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The sandbox launches at most 20 instances per RunInstances call, like a new AWS account. */
const launchBatch = 20;

/** Starts and fills the sandbox through its API, then injects latency on every request. */
export async function startBenchSandbox(plan: BenchSandboxPlan): Promise<BenchSandboxReady> {
  const sandbox = await startSandbox({ seed: 'empty' });
  // The sandbox enables two regions; AWS has no API to enable more, so the state gets the rest.
  for (const region of plan.regions) sandbox.control.state.regions[region] ??= emptyRegion(region);
  const credentials = { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey };
  const publicKey = publicKeyToOpenSSH(await generatePrivateKey({ type: 'ed25519' }), 'bench');
  await mapWithConcurrency(plan.regions, 4, async (region, regionIndex) => {
    const keyPairs = plan.keyPairs[regionIndex] ?? 0;
    const instances = plan.instances[regionIndex] ?? 0;
    const client = new EC2Client({ region, endpoint: sandbox.endpoint, credentials });
    await mapWithConcurrency(
      Array.from({ length: keyPairs }, (_, index) => index),
      16,
      (index) =>
        client.send(
          new ImportKeyPairCommand({ KeyName: `bench-${index}`, PublicKeyMaterial: Buffer.from(publicKey) }),
        ),
    );
    for (let launched = 0; launched < instances; launched += launchBatch) {
      const count = Math.min(launchBatch, instances - launched);
      await client.send(
        new RunInstancesCommand({
          ImageId: amiIdFor(region, 'al2023'),
          InstanceType: 't3.micro',
          MinCount: count,
          MaxCount: count,
          KeyName: `bench-${(launched / launchBatch) % keyPairs}`,
        }),
      );
    }
    client.destroy();
  });
  sandbox.control.setFault('*', { latencyMs: plan.latencyMs });
  return { endpoint: sandbox.endpoint, ...credentials };
}

/** Asks the forked sandbox for its CPU time so far (to show which side the time goes to). */
export const cpuQuery = 'cpu?';

// Forked by the benchmark: take the plan, answer with the connection details, then answer CPU
// queries until killed.
process.once('message', (plan: BenchSandboxPlan) => {
  process.on('message', (message) => {
    if (message === cpuQuery) process.send?.({ cpuMs: cpuMs() });
  });
  startBenchSandbox(plan).then(
    (ready) => process.send?.(ready),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
