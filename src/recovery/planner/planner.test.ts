import { describe, expect, it } from 'vitest';
import type { PathAssessment } from '../../ipc/contracts/recovery';
import type { InstanceFacts, PreflightFacts } from '../preflight/preflight-facts';
import { planRecovery, type PlanOptions } from './planner';

// Pure planner: facts in, assessments out. Each case states the exact verdict of every path.

function instance(overrides: Partial<InstanceFacts> = {}): InstanceFacts {
  return {
    state: 'running',
    platform: 'linux',
    platformDetails: 'Linux/UNIX',
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    rootVolumeId: 'vol-1',
    availabilityZone: 'us-east-1a',
    subnetId: 'subnet-1',
    lifecycle: 'normal',
    autoScalingGroup: null,
    hibernated: false,
    publicIp: '198.51.100.10',
    publicDns: 'ec2-198-51-100-10.compute-1.amazonaws.com',
    privateIp: '172.31.0.10',
    ipv6Addresses: [],
    imdsEnabled: true,
    imdsTokens: 'required',
    keyName: 'lost',
    imageId: 'ami-1',
    hasInstanceProfile: false,
    securityGroupIds: ['sg-1'],
    managedBy: null,
    instanceType: 't3.micro',
    spotRequestId: null,
    marketplaceCodes: [],
    ebsVolumeIds: ['vol-1'],
    ...overrides,
  };
}

/** A running AL2023 box, port 22 open to this computer, not SSM managed, every DryRun allowed. */
function facts(overrides: Partial<PreflightFacts> = {}, instanceOverrides: Partial<InstanceFacts> = {}) {
  const base: PreflightFacts = {
    instanceId: 'i-1',
    region: 'us-east-1',
    instance: instance(instanceOverrides),
    instanceNotFound: false,
    stopProtection: false,
    spotRequestType: null,
    instanceStore: { count: 0, totalSizeGb: 0 },
    encryptedVolumes: [],
    terminationProtection: false,
    shutdownBehavior: 'stop',
    elasticIp: false,
    image: {
      name: 'al2023-ami-x',
      ownerId: '137112412989',
      description: '',
      family: 'amazonLinux2023',
      version: null,
    },
    targetUser: 'ec2-user',
    port22: { kind: 'open', cidr: '203.0.113.0/24', groupId: 'sg-1', address: '203.0.113.7' },
    nacl: { kind: 'allows', aclId: 'acl-1' },
    ssm: { managed: false, pingStatus: null, agentVersion: null },
    eicPackage: 'yes',
    permissions: {
      AuthorizeSecurityGroupIngress: 'allowed',
      StopInstances: 'allowed',
      StartInstances: 'allowed',
      ModifyInstanceAttribute: 'allowed',
      CreateSnapshot: 'allowed',
      DetachVolume: 'allowed',
    },
    savedKeyPair: 'absent',
    savedEc2rl: 'absent',
  };
  return { ...base, ...overrides };
}

const online = { managed: true, pingStatus: 'Online', agentVersion: '3.3' };
const closed = { kind: 'closed', address: '198.51.100.99' } as const;
const allPaths = ['ssh', 'eic', 'ssm', 'userData', 'rescueVolume'] as const;

type Verdicts = [string, string, string, string, string];
const verdicts = (plan: PathAssessment[]) => plan.map((path) => path.verdict);
const codes = (plan: PathAssessment[], path: string) =>
  plan.find((entry) => entry.path === path)?.reasons.map((reason) => reason.code);

const N = 'notPossible';
const P = 'possible';
const A = 'advised';

const cases: [string, PreflightFacts, PlanOptions, Verdicts][] = [
  ['EIC image, port open → EIC', facts(), {}, [P, A, N, P, P]],
  ['another login given → ssh first', facts(), { hasOtherLogin: true }, [A, P, N, P, P]],
  ['another login denied → ssh not possible', facts(), { hasOtherLogin: false }, [N, A, N, P, P]],
  ['SSM online, EIC image, port open → EIC still first', facts({ ssm: online }), {}, [P, A, P, P, P]],
  ['SSM online, port closed → SSM', facts({ ssm: online, port22: closed }), {}, [P, P, A, P, P]],
  ['SSM online, no EIC package → SSM', facts({ ssm: online, eicPackage: 'no' }), {}, [P, N, A, P, P]],
  ['port closed, no SSM → EIC with a temporary rule', facts({ port22: closed }), {}, [P, A, N, P, P]],
  [
    'port closed, ingress denied, no SSM → user data',
    facts({
      port22: closed,
      permissions: { ...facts().permissions, AuthorizeSecurityGroupIngress: 'denied' },
    }),
    {},
    [N, N, N, A, P],
  ],
  ['Debian (no EIC), no SSM → user data', facts({ eicPackage: 'no' }), {}, [P, N, N, A, P]],
  ['unknown image: EIC possible, not advised', facts({ eicPackage: 'unknown' }), {}, [P, P, N, A, P]],
  [
    'port unknown (no address) → EIC advised',
    facts({ port22: { kind: 'unknown', reason: 'noAddress' } }),
    {},
    [P, A, N, P, P],
  ],
  ['IMDS disabled → no EIC', facts({}, { imdsEnabled: false }), {}, [P, N, N, A, P]],
  [
    'stopped instance → stop paths only',
    facts({ ssm: online }, { state: 'stopped', publicIp: null }),
    {},
    [N, N, N, A, P],
  ],
  ['stopping → nothing now', facts({}, { state: 'stopping' }), {}, [N, N, N, N, N]],
  ['pending → nothing now', facts({}, { state: 'pending' }), {}, [N, N, N, N, N]],
  ['terminated → nothing', facts({}, { state: 'terminated' }), {}, [N, N, N, N, N]],
  [
    'Windows → nothing',
    facts({ ssm: online }, { platform: 'windows' }),
    { hasOtherLogin: true },
    [N, N, N, N, N],
  ],
  ['service-managed → nothing', facts({}, { managedBy: 'eks' }), {}, [N, N, N, N, N]],
  ['instance not found → nothing', facts({ instance: null, instanceNotFound: true }), {}, [N, N, N, N, N]],
  [
    'instance-store root, no SSM, no EIC → nothing',
    facts({ eicPackage: 'no' }, { rootDeviceType: 'instance-store' }),
    {},
    [P, N, N, N, N],
  ],
  [
    'instance-store root with SSM → SSM',
    facts({ ssm: online, eicPackage: 'no' }, { rootDeviceType: 'instance-store' }),
    {},
    [P, N, A, N, N],
  ],
  [
    'hibernated → no stop path',
    facts({ eicPackage: 'no' }, { state: 'stopped', hibernated: true }),
    {},
    [N, N, N, N, N],
  ],
  [
    'StopInstances denied → no stop path',
    facts({ eicPackage: 'no', permissions: { ...facts().permissions, StopInstances: 'denied' } }),
    {},
    [P, N, N, N, N],
  ],
  [
    'CreateSnapshot denied → user data only',
    facts({ eicPackage: 'no', permissions: { ...facts().permissions, CreateSnapshot: 'denied' } }),
    {},
    [P, N, N, A, N],
  ],
  [
    'ModifyInstanceAttribute unknown stays possible',
    facts({ eicPackage: 'no', permissions: { ...facts().permissions, ModifyInstanceAttribute: 'unknown' } }),
    {},
    [P, N, N, A, P],
  ],
  [
    'SSM managed but ConnectionLost',
    facts({ ssm: { ...online, pingStatus: 'ConnectionLost' }, eicPackage: 'no' }),
    {},
    [P, N, N, A, P],
  ],
  [
    'SSM unknown (denied): possible, not advised',
    facts({ ssm: null, eicPackage: 'no' }),
    {},
    [P, N, P, A, P],
  ],
  [
    'NACL denies 22',
    facts({ nacl: { kind: 'deniesInbound', aclId: 'acl-1', ruleNumber: 90 } }),
    {},
    [N, N, N, A, P],
  ],
  [
    'NACL denies replies, SSM online → SSM',
    facts({ ssm: online, nacl: { kind: 'deniesReturn', aclId: 'acl-1', ruleNumber: 100 } }),
    {},
    [N, N, A, P, P],
  ],
  [
    'no address at all',
    facts({ eicPackage: 'yes' }, { publicIp: null, privateIp: null }),
    {},
    [N, N, N, A, P],
  ],
  [
    'spot from a persistent request: stop paths possible (with hazards)',
    facts({ eicPackage: 'no', spotRequestType: 'persistent' }, { lifecycle: 'spot' }),
    {},
    [P, N, N, A, P],
  ],
  [
    'spot, request type unknown: stop paths possible (uncertain)',
    facts({ eicPackage: 'no', spotRequestType: null }, { lifecycle: 'spot' }),
    {},
    [P, N, N, A, P],
  ],
  [
    'spot from a one-time request → no stop path',
    facts({ eicPackage: 'no', spotRequestType: 'one-time' }, { lifecycle: 'spot' }),
    {},
    [P, N, N, N, N],
  ],
  [
    'Auto Scaling member (no Standby) → no stop path, EIC still advised',
    facts({}, { autoScalingGroup: 'web' }),
    {},
    [P, A, N, N, N],
  ],
  [
    'stop protection on → no stop path',
    facts({ eicPackage: 'no', stopProtection: true }),
    {},
    [P, N, N, N, N],
  ],
  [
    'stop protection unknown: stop paths possible (uncertain)',
    facts({ eicPackage: 'no', stopProtection: null }),
    {},
    [P, N, N, A, P],
  ],
  [
    'Marketplace root → no rescue volume, user data still possible',
    facts({ eicPackage: 'no' }, { marketplaceCodes: ['prod-abc123'] }),
    {},
    [P, N, N, A, N],
  ],
  [
    'instance store data volumes: stop paths possible (hazard)',
    facts({ eicPackage: 'no', instanceStore: { count: 1, totalSizeGb: 75 } }),
    {},
    [P, N, N, A, P],
  ],
  [
    'encrypted volumes: stop paths possible (hazard)',
    facts({ eicPackage: 'no', encryptedVolumes: [{ volumeId: 'vol-1', root: true, kmsKeyId: 'k' }] }),
    {},
    [P, N, N, A, P],
  ],
];

describe('planRecovery decides every path per the decision table', () => {
  it.each(cases)('%s', (_name, input, options, expected) => {
    const plan = planRecovery(input, options);
    expect(plan.map((path) => path.path)).toEqual([...allPaths]);
    expect(verdicts(plan)).toEqual(expected);
    expect(plan.filter((path) => path.verdict === 'advised').length).toBeLessThanOrEqual(1);
  });

  it('explains the advised EIC path and the stop paths in full', () => {
    expect(planRecovery(facts())).toEqual([
      {
        path: 'ssh',
        verdict: 'possible',
        reasons: [{ code: 'port22Open', params: { cidr: '203.0.113.0/24', groupId: 'sg-1' } }],
        uncertainties: [{ code: 'needsOtherLogin', params: {} }],
        hazards: [],
        downtime: false,
      },
      {
        path: 'eic',
        verdict: 'advised',
        reasons: [
          { code: 'advisedEic', params: {} },
          { code: 'eicImageShips', params: { family: 'amazonLinux2023' } },
          { code: 'port22Open', params: { cidr: '203.0.113.0/24', groupId: 'sg-1' } },
        ],
        uncertainties: [
          { code: 'untestedPermission', params: { action: 'ec2-instance-connect:SendSSHPublicKey' } },
        ],
        hazards: [],
        downtime: false,
      },
      {
        path: 'ssm',
        verdict: 'notPossible',
        reasons: [{ code: 'ssmNotManaged', params: {} }],
        uncertainties: [],
        hazards: [],
        downtime: false,
      },
      {
        path: 'userData',
        verdict: 'possible',
        reasons: [{ code: 'needsStop', params: {} }],
        uncertainties: [],
        hazards: [
          { code: 'hazardDowntime', params: {} },
          { code: 'hazardPublicIpChanges', params: { publicIp: '198.51.100.10' } },
        ],
        downtime: true,
      },
      {
        path: 'rescueVolume',
        verdict: 'possible',
        reasons: [{ code: 'needsStop', params: {} }],
        uncertainties: [],
        hazards: [
          { code: 'hazardDowntime', params: {} },
          { code: 'hazardPublicIpChanges', params: { publicIp: '198.51.100.10' } },
        ],
        downtime: true,
      },
    ]);
  });

  const stopPaths = (plan: PathAssessment[]) => plan.filter((path) => path.downtime);

  it('lists every stop hazard, each path its own KMS permissions; an Elastic IP stays', () => {
    const plan = planRecovery(
      facts(
        {
          eicPackage: 'no',
          shutdownBehavior: 'terminate',
          elasticIp: true,
          spotRequestType: 'persistent',
          instanceStore: { count: 2, totalSizeGb: 300 },
          encryptedVolumes: [
            { volumeId: 'vol-1', root: true, kmsKeyId: 'arn:aws:kms:us-east-1:1:key/a' },
            { volumeId: 'vol-2', root: false, kmsKeyId: 'arn:aws:kms:us-east-1:1:key/a' },
            { volumeId: 'vol-3', root: false, kmsKeyId: null },
          ],
        },
        { lifecycle: 'spot', spotRequestId: 'sir-1' },
      ),
    );
    const [userData, rescue] = stopPaths(plan);
    const shared = (encrypted: string) => [
      { code: 'hazardSpotPersistent', params: {} },
      { code: 'hazardDowntime', params: {} },
      { code: 'hazardInstanceStoreData', params: { count: '2', sizeGb: '300' } },
      { code: encrypted, params: { keys: 'arn:aws:kms:us-east-1:1:key/a, aws/ebs' } },
      { code: 'hazardTerminateOnShutdown', params: {} },
    ];
    expect(userData).toEqual({
      path: 'userData',
      verdict: 'advised',
      reasons: [
        { code: 'advisedUserData', params: {} },
        { code: 'needsStop', params: {} },
      ],
      uncertainties: [],
      hazards: shared('hazardEncryptedStart'),
      downtime: true,
    });
    expect(rescue?.hazards).toEqual(shared('hazardEncryptedRescue'));
  });

  it('names the old public address that changes', () => {
    for (const path of stopPaths(planRecovery(facts())))
      expect(path.hazards).toContainEqual({
        code: 'hazardPublicIpChanges',
        params: { publicIp: '198.51.100.10' },
      });
  });

  it('instance store on an instance-store root is the root blocker, not a second hazard', () => {
    const plan = planRecovery(
      facts({ instanceStore: { count: 1, totalSizeGb: 4 } }, { rootDeviceType: 'instance-store' }),
    );
    for (const path of stopPaths(plan))
      expect(path.reasons).toEqual([{ code: 'instanceStoreRoot', params: {} }]);
  });

  it.each([
    ['instance-store root', facts({}, { rootDeviceType: 'instance-store' }), [{ code: 'instanceStoreRoot' }]],
    [
      'hibernated',
      facts({}, { state: 'stopped', hibernated: true, publicIp: null }),
      [{ code: 'hibernated' }],
    ],
    [
      'Auto Scaling member without Standby',
      facts({}, { autoScalingGroup: 'web-asg' }),
      [{ code: 'autoScalingNoStandby', params: { group: 'web-asg' } }],
    ],
    ['stop protection on', facts({ stopProtection: true }), [{ code: 'stopProtectionOn' }]],
    [
      'one-time Spot',
      facts({ spotRequestType: 'one-time' }, { lifecycle: 'spot', spotRequestId: 'sir-2' }),
      [{ code: 'spotOneTime' }],
    ],
  ])('refuses both stop paths for %s, saying why', (_name, input, expected) => {
    for (const path of stopPaths(planRecovery(input))) {
      expect(path.verdict).toBe('notPossible');
      expect(path.reasons).toEqual(expected.map((entry) => ({ params: {}, ...entry })));
      expect(path.hazards).toEqual([]);
    }
  });

  it('refuses the rescue volume of a Marketplace root, naming the product code; user data stays', () => {
    const plan = planRecovery(facts({}, { marketplaceCodes: ['prod-1', 'prod-2'] }));
    const [userData, rescue] = stopPaths(plan);
    expect(rescue?.reasons).toEqual([
      { code: 'marketplaceRoot', params: { productCodes: 'prod-1, prod-2' } },
    ]);
    expect(userData?.verdict).toBe('possible');
  });

  it('says what could not be read: stop protection, Spot request, instance store, volumes', () => {
    const plan = planRecovery(
      facts(
        { stopProtection: null, spotRequestType: null, instanceStore: null, encryptedVolumes: null },
        { lifecycle: 'spot' },
      ),
    );
    for (const path of stopPaths(plan)) {
      expect(path.verdict).toBe('possible');
      expect(path.uncertainties.map((entry) => entry.code)).toEqual([
        'stopProtectionUnknown',
        'spotRequestUnknown',
        'instanceStoreUnknown',
        'volumesUnknown',
      ]);
      expect(path.hazards.map((entry) => entry.code)).toEqual([
        'hazardSpot',
        'hazardDowntime',
        'hazardPublicIpChanges',
      ]);
    }
  });

  it('says why each path is blocked', () => {
    const windows = planRecovery(facts({}, { platform: 'windows' }));
    for (const path of windows) expect(path.reasons[0]).toEqual({ code: 'windowsUnsupported', params: {} });
    const missing = planRecovery(facts({ instance: null, instanceNotFound: true }));
    expect(missing[0]?.reasons).toEqual([
      { code: 'instanceMissing', params: { instanceId: 'i-1', region: 'us-east-1' } },
    ]);
    const unreadable = planRecovery(facts({ instance: null }));
    expect(unreadable[4]?.reasons[0]?.code).toBe('instanceUnreadable');
    const stopped = planRecovery(facts({}, { state: 'stopped', publicIp: null }));
    expect(codes(stopped, 'ssh')).toEqual(['notRunning']);
    expect(codes(stopped, 'ssm')).toEqual(['notRunning', 'ssmNotManaged']);
    const denied = planRecovery(
      facts({
        port22: closed,
        permissions: { ...facts().permissions, AuthorizeSecurityGroupIngress: 'denied' },
      }),
    );
    expect(denied[1]?.reasons).toEqual([
      { code: 'port22ClosedNoIngress', params: { address: '198.51.100.99' } },
    ]);
    const nacl = planRecovery(facts({ nacl: { kind: 'deniesInbound', aclId: 'acl-9', ruleNumber: 90 } }));
    expect(nacl[0]?.reasons).toEqual([{ code: 'naclBlocks', params: { aclId: 'acl-9', ruleNumber: '90' } }]);
    const rescue = planRecovery(
      facts({ permissions: { ...facts().permissions, CreateSnapshot: 'denied', DetachVolume: 'denied' } }),
    );
    expect(rescue[4]?.reasons).toEqual([
      { code: 'permissionDenied', params: { action: 'CreateSnapshot' } },
      { code: 'permissionDenied', params: { action: 'DetachVolume' } },
    ]);
  });

  it('names what cannot be known before trying', () => {
    const plan = planRecovery(
      facts({
        port22: closed,
        eicPackage: 'unknown',
        ssm: null,
        permissions: {
          ...facts().permissions,
          AuthorizeSecurityGroupIngress: 'unknown',
          StopInstances: 'unknown',
        },
      }),
    );
    expect(plan[1]?.reasons).toEqual([{ code: 'port22NeedsIngress', params: { address: '198.51.100.99' } }]);
    expect(plan[1]?.uncertainties.map((entry) => entry.code)).toEqual([
      'permissionUnknown',
      'eicImageUnknown',
      'untestedPermission',
    ]);
    expect(plan[2]?.uncertainties.map((entry) => entry.code)).toEqual(['ssmUnknown', 'untestedPermission']);
    expect(plan[3]?.uncertainties).toEqual([
      { code: 'permissionUnknown', params: { action: 'StopInstances' } },
    ]);
  });
});
