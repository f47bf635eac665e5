import { DescribeInstancesCommand, type EC2Client, type Instance } from '@aws-sdk/client-ec2';

/** Finds a demo instance by its Name tag through the API. */
export async function instanceNamed(ec2: EC2Client, name: string): Promise<Instance> {
  const { Reservations } = await ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] }),
  );
  const instance = Reservations?.[0]?.Instances?.[0];
  if (!instance) throw new Error(`no instance named ${name}`);
  return instance;
}

/** The `keyrescue:ssh-endpoint` tag of an instance, if it serves SSH. */
export function sshEndpointOf(instance: Instance): string | undefined {
  return instance.Tags?.find((tag) => tag.Key === 'keyrescue:ssh-endpoint')?.Value;
}
