import { describe, expect, it } from 'vitest';
import type { InventoryView } from '../../../src/ipc/contracts/inventory';
import { emptyDraft, pathBlockers, plannedSteps, startInput } from './recover-rules';
import { rescueCandidates, rescueVolumeSteps, targetZone } from './rescue-choice';

const seen = (
  id: string,
  name: string | null,
  zone: string | null,
  state = 'running',
  platform: string | null = null,
) => ({
  id,
  name,
  state,
  platform,
  availabilityZone: zone,
  publicIp: null,
});
const view = {
  regions: [
    {
      region: 'us-east-1',
      keyPairs: [
        {
          instances: [
            seen('i-1', 'legacy-app', 'us-east-1a'),
            seen('i-2', 'ops-box', 'us-east-1a'),
            seen('i-3', 'bastion', 'us-east-1b'),
            seen('i-4', 'stopped-one', 'us-east-1a', 'stopped'),
            seen('i-5', 'win', 'us-east-1a', 'running', 'windows'),
          ],
        },
      ],
      orphanInstances: [{ ...seen('i-6', null, 'us-east-1a'), keyName: 'gone' }],
    },
    {
      region: 'eu-west-1',
      keyPairs: [{ instances: [seen('i-7', 'eu', 'us-east-1a')] }],
      orphanInstances: [],
    },
  ],
} as unknown as InventoryView;
const target = { region: 'us-east-1', instanceId: 'i-1', instanceName: 'legacy-app', keyName: 'k' };

describe('the rescue instance', () => {
  it('offers running Linux instances in the target zone and region, never the target', () => {
    expect(targetZone(view, target)).toBe('us-east-1a');
    expect(rescueCandidates(view, target).map((candidate) => candidate.instanceId)).toEqual(['i-6', 'i-2']);
    expect(rescueCandidates(view, { ...target, instanceId: 'i-404' })).toEqual([]);
    expect(rescueCandidates(null, target)).toEqual([]);
  });

  it('blocks Continue until one is picked and a login is given when it is reached over SSH', () => {
    const draft = { ...emptyDraft, path: 'rescueVolume' as const, targetUser: 'ec2-user' };
    expect(pathBlockers(draft, null)).toEqual(['blockers.rescueInstance']);
    expect(pathBlockers({ ...draft, rescueInstanceId: 'i-2' }, null)).toEqual([]);
    expect(pathBlockers({ ...draft, rescueInstanceId: 'i-2', rescueVia: 'ssh' }, null)).toEqual([
      'blockers.loginUser',
      'blockers.loginSecret',
    ]);
  });

  it('plans its steps and sends the rescue instance, the way to it and its login', () => {
    const draft = {
      ...emptyDraft,
      path: 'rescueVolume' as const,
      targetUser: 'ec2-user',
      rescueInstanceId: 'i-2',
      rescueVia: 'ssh' as const,
      loginUser: 'ec2-user',
      loginKeyPath: '/k/ops',
    };
    expect(plannedSteps(draft, null)).toEqual([...rescueVolumeSteps]);
    expect(startInput(target, draft, null, { accountId: null, sshDir: '/s' })).toMatchObject({
      path: 'rescueVolume',
      rescueInstanceId: 'i-2',
      rescueVia: 'ssh',
      login: { user: 'ec2-user', keyPath: '/k/ops' },
    });
    expect(
      startInput(target, { ...draft, rescueVia: 'ssm' }, null, { accountId: null, sshDir: '/s' }),
    ).not.toHaveProperty('login');
  });
});
