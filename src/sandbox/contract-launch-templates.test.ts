import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLaunchTemplateCommand,
  DeleteLaunchTemplateCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  paginateDescribeLaunchTemplates,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from './index';
import { connectContractTarget, errorOf, type ContractTarget } from './test-support/contract-target';

let target: ContractTarget;
const prefix = `kr-contract-lt-${Date.now().toString(36)}`;

beforeAll(async () => {
  target = await connectContractTarget();
});

afterAll(async () => {
  const { LaunchTemplates } = await target.ec2.send(
    new DescribeLaunchTemplatesCommand({
      Filters: [{ Name: 'launch-template-name', Values: [`${prefix}*`] }],
    }),
  );
  for (const template of LaunchTemplates ?? [])
    await target.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: template.LaunchTemplateId }));
  await target.close();
});

function create(name: string, keyName?: string) {
  return target.ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: name,
      LaunchTemplateData: { KeyName: keyName, ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro' },
      TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'suite', Value: prefix }] }],
    }),
  );
}

describe('launch templates', () => {
  it('creates a template with version 1 as default and latest, and describes it by id and by name', async () => {
    const { LaunchTemplate } = await create(`${prefix}-a`, 'deploy-key');
    expect(LaunchTemplate?.LaunchTemplateId).toMatch(/^lt-[0-9a-f]{17}$/);
    expect(LaunchTemplate).toMatchObject({
      LaunchTemplateName: `${prefix}-a`,
      DefaultVersionNumber: 1,
      LatestVersionNumber: 1,
    });
    expect(LaunchTemplate?.CreateTime).toBeInstanceOf(Date);

    const byId = await target.ec2.send(
      new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [LaunchTemplate?.LaunchTemplateId ?? ''] }),
    );
    expect(byId.LaunchTemplates?.map((template) => template.LaunchTemplateName)).toEqual([`${prefix}-a`]);
    expect(byId.LaunchTemplates?.[0]?.Tags).toEqual([{ Key: 'suite', Value: prefix }]);
    const byName = await target.ec2.send(
      new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [`${prefix}-a`] }),
    );
    expect(byName.LaunchTemplates?.[0]?.LaunchTemplateId).toBe(LaunchTemplate?.LaunchTemplateId);
  });

  it('returns the launch data of $Default, $Latest and numbered versions, by id or by name', async () => {
    const { LaunchTemplate } = await create(`${prefix}-b`, 'web-key');
    const id = LaunchTemplate?.LaunchTemplateId ?? '';
    for (const request of [
      { LaunchTemplateId: id, Versions: ['$Default', '$Latest'] },
      { LaunchTemplateName: `${prefix}-b`, Versions: ['1'] },
      { LaunchTemplateId: id },
    ]) {
      const { LaunchTemplateVersions } = await target.ec2.send(
        new DescribeLaunchTemplateVersionsCommand(request),
      );
      // $Default and $Latest are the same version, which EC2 lists once.
      expect(LaunchTemplateVersions).toHaveLength(1);
      expect(LaunchTemplateVersions?.[0]).toMatchObject({
        LaunchTemplateId: id,
        LaunchTemplateName: `${prefix}-b`,
        VersionNumber: 1,
        DefaultVersion: true,
        LaunchTemplateData: {
          KeyName: 'web-key',
          ImageId: 'ami-0123456789abcdef0',
          InstanceType: 't3.micro',
        },
      });
    }
    const missing = await errorOf(() =>
      target.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, Versions: ['7'] })),
    );
    expect(missing.name).toBe('InvalidLaunchTemplateId.VersionNotFound');
  });

  it('refuses a duplicate name and reports unknown ids and names', async () => {
    await create(`${prefix}-dup`);
    expect((await errorOf(() => create(`${prefix}-dup`))).name).toBe(
      'InvalidLaunchTemplateName.AlreadyExistsException',
    );
    const unknownId = await errorOf(() =>
      target.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: ['lt-0123456789abcdef0'] })),
    );
    expect(unknownId.name).toBe('InvalidLaunchTemplateId.NotFound');
    const unknownName = await errorOf(() =>
      target.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [`${prefix}-nope`] })),
    );
    expect(unknownName.name).toBe('InvalidLaunchTemplateName.NotFoundException');
  });

  it('pages with MaxResults / NextToken so the paginator visits every template once', async () => {
    const names = [1, 2, 3, 4, 5].map((n) => `${prefix}-page-${n}`);
    for (const name of names) await create(name);
    const filter = { Filters: [{ Name: 'launch-template-name', Values: [`${prefix}-page-*`] }] };
    const first = await target.ec2.send(new DescribeLaunchTemplatesCommand({ ...filter, MaxResults: 2 }));
    expect(first.LaunchTemplates).toHaveLength(2);
    expect(first.NextToken).toEqual(expect.any(String));
    const seen: string[] = [];
    for await (const page of paginateDescribeLaunchTemplates({ client: target.ec2, pageSize: 2 }, filter)) {
      expect((page.LaunchTemplates ?? []).length).toBeLessThanOrEqual(2);
      seen.push(...(page.LaunchTemplates ?? []).map((template) => template.LaunchTemplateName ?? ''));
    }
    expect(seen.sort()).toEqual(names);
    const badSize = await errorOf(() =>
      target.ec2.send(new DescribeLaunchTemplatesCommand({ MaxResults: 0 })),
    );
    expect(badSize.name).toBe('InvalidParameterValue');
  });

  it('deletes by name or id; a deleted template is gone', async () => {
    const { LaunchTemplate } = await create(`${prefix}-gone`);
    const deleted = await target.ec2.send(
      new DeleteLaunchTemplateCommand({ LaunchTemplateName: `${prefix}-gone` }),
    );
    expect(deleted.LaunchTemplate?.LaunchTemplateId).toBe(LaunchTemplate?.LaunchTemplateId);
    const again = await errorOf(() =>
      target.ec2.send(
        new DeleteLaunchTemplateCommand({ LaunchTemplateId: LaunchTemplate?.LaunchTemplateId }),
      ),
    );
    expect(again.name).toBe('InvalidLaunchTemplateId.NotFound');
  });
});

describe('launch template persistence (in-process sandbox)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kr-lt-state-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps launch templates in the state file across a restart', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startSandbox({ stateFile, seed: 'empty', speed: 'instant' });
    const clientOf = (sandbox: typeof first) =>
      new EC2Client({
        endpoint: sandbox.endpoint,
        region: sandbox.region,
        credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
      });
    const client = clientOf(first);
    const { LaunchTemplate } = await client.send(
      new CreateLaunchTemplateCommand({ LaunchTemplateName: 'kept', LaunchTemplateData: { KeyName: 'k1' } }),
    );
    client.destroy();
    await first.stop();

    const second = await startSandbox({ stateFile, seed: 'empty', speed: 'instant' });
    const again = clientOf(second);
    try {
      const { LaunchTemplateVersions } = await again.send(
        new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'kept', Versions: ['$Latest'] }),
      );
      expect(
        LaunchTemplateVersions?.map((version) => [
          version.LaunchTemplateId,
          version.LaunchTemplateData?.KeyName,
        ]),
      ).toEqual([[LaunchTemplate?.LaunchTemplateId, 'k1']]);
    } finally {
      again.destroy();
      await second.stop();
    }
  });
});
