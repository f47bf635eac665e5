import { describe, expect, it } from 'vitest';
import type { InventoryView } from '../../../src/ipc/contracts/inventory';
import type { PathAssessment, PreflightResultDto } from '../../../src/ipc/contracts/recovery';
import {
  confirmBlockers,
  defaultPath,
  downtimeConfirmed,
  emptyDraft,
  instanceChoices,
  keyBlockers,
  mayNeedIngress,
  newKeyPath,
  pathBlockers,
  plannedSteps,
  searchInstances,
  startInput,
} from './recover-rules';

const instance = (id: string, name: string | null, state = 'running') => ({
  id,
  name,
  state,
  platform: null,
  availabilityZone: null,
  publicIp: null,
});
const keyPair = (name: string, atRisk: boolean, instances: ReturnType<typeof instance>[]) => ({
  region: 'us-east-1',
  name,
  id: `key-${name}`,
  type: 'rsa',
  fingerprint: 'f',
  createTime: null,
  tags: [],
  publicKey: null,
  instances,
  localMatches: [],
  atRisk,
});
const view = {
  accountId: 'practice',
  regions: [
    {
      region: 'us-east-1',
      status: 'ok',
      keyPairs: [
        keyPair('practice-rsa', false, [instance('i-2', 'bastion'), instance('i-3', 'windows')]),
        keyPair('legacy-app-key', true, [instance('i-1', 'legacy-app')]),
      ],
      orphanInstances: [{ ...instance('i-9', null, 'stopped'), keyName: 'gone-key' }],
      loadedAt: '',
    },
  ],
  localKeys: [],
  localScan: {
    keyCount: 0,
    needsPassphraseCount: 0,
    unreadableCount: 0,
    problemCount: 0,
    problems: [],
    sources: [],
    skippedFiles: 0,
  },
  loadedAt: '',
  fromCache: false,
} satisfies InventoryView;

const assessment = (
  path: PathAssessment['path'],
  verdict: PathAssessment['verdict'],
  reasons: PathAssessment['reasons'] = [],
): PathAssessment => ({ path, verdict, reasons, uncertainties: [], hazards: [], downtime: false });
const ingress = { code: 'port22NeedsIngress', params: { address: '203.0.113.7' } } as const;
const preflight: PreflightResultDto = {
  instanceId: 'i-1',
  region: 'us-east-1',
  targetUser: 'ec2-user',
  findings: [],
  plan: [
    assessment('ssh', 'possible'),
    assessment('eic', 'advised', [ingress]),
    assessment('ssm', 'notPossible'),
    assessment('userData', 'possible'),
  ],
};
const target = {
  region: 'us-east-1',
  instanceId: 'i-1',
  instanceName: 'legacy-app',
  keyName: 'legacy-app-key',
};

describe('instance choices', () => {
  it('lists every instance once across key pairs and orphans, at-risk first', () => {
    const choices = instanceChoices(view);
    expect(choices.map((choice) => `${choice.instanceName ?? choice.instanceId}:${choice.atRisk}`)).toEqual([
      'i-9:true',
      'legacy-app:true',
      'bastion:false',
      'windows:false',
    ]);
    expect(choices[1]).toMatchObject({ keyName: 'legacy-app-key', region: 'us-east-1', state: 'running' });
  });

  it('searches name, id, region and key pair by every word', () => {
    const choices = instanceChoices(view);
    expect(searchInstances(choices, 'legacy').map((choice) => choice.instanceId)).toEqual(['i-1']);
    expect(searchInstances(choices, 'practice-rsa WIN').map((choice) => choice.instanceId)).toEqual(['i-3']);
    expect(searchInstances(choices, 'gone-key').map((choice) => choice.instanceId)).toEqual(['i-9']);
    expect(searchInstances(choices, '  ')).toHaveLength(4);
    expect(instanceChoices(null)).toEqual([]);
  });
});

describe('path defaults', () => {
  it('preselects the advised path, else the first runnable possible one', () => {
    expect(defaultPath(preflight.plan)).toBe('eic');
    expect(defaultPath([assessment('userData', 'advised'), assessment('ssm', 'possible')])).toBe('userData');
    expect(defaultPath([assessment('userData', 'notPossible'), assessment('ssm', 'possible')])).toBe('ssm');
    expect(defaultPath([assessment('userData', 'notPossible'), assessment('ssm', 'notPossible')])).toBeNull();
  });

  it('offers the temporary ingress rule only for SSH-based paths that may need it', () => {
    expect(mayNeedIngress(preflight.plan[1] ?? null)).toBe(true);
    expect(mayNeedIngress(assessment('eic', 'advised'))).toBe(false);
    expect(mayNeedIngress(assessment('ssm', 'advised', [ingress]))).toBe(false);
    const unknown = {
      ...assessment('eic', 'advised'),
      uncertainties: [{ code: 'port22Unknown' as const, params: {} }],
    };
    expect(mayNeedIngress(unknown)).toBe(true);
  });
});

describe('the new key', () => {
  it('defaults to a new file in ~/.ssh named after the instance, with the format’s extension', () => {
    expect(newKeyPath(emptyDraft, target, '/home/me/.ssh')).toBe('/home/me/.ssh/legacy-app-recovered');
    expect(newKeyPath({ ...emptyDraft, format: 'ppk3' }, target, '/home/me/.ssh')).toBe(
      '/home/me/.ssh/legacy-app-recovered.ppk',
    );
    expect(newKeyPath({ ...emptyDraft, typedPath: '/tmp/k' }, target, null)).toBe('/tmp/k');
    expect(newKeyPath(emptyDraft, target, null)).toBe('');
  });

  it('lists what blocks each screen', () => {
    expect(pathBlockers({ ...emptyDraft, path: 'eic' }, preflight)).toEqual([]);
    expect(pathBlockers({ ...emptyDraft, path: 'ssh', targetUser: '9x' }, preflight)).toEqual([
      'blockers.targetUser',
      'blockers.loginUser',
      'blockers.loginSecret',
    ]);
    expect(keyBlockers(emptyDraft, target, '/s')).toEqual([]);
    expect(
      keyBlockers({ ...emptyDraft, passphrase: 'a', importKeyPair: true, importName: ' ' }, target, '/s'),
    ).toEqual(['blockers.mismatch', 'blockers.importName']);
    expect(keyBlockers({ ...emptyDraft, keySource: 'existing' }, target, '/s')).toEqual([
      'blockers.existingKey',
    ]);
    expect(
      confirmBlockers({ ...emptyDraft, hostKeyMode: 'pinned', hostKeyFingerprint: 'SHA256:short' }),
    ).toEqual(['blockers.fingerprint']);
  });

  it('a stop path needs the instance name or id typed exactly; the others do not', () => {
    const named = { region: 'us-east-1', instanceId: 'i-0abc', instanceName: 'web 1', keyName: 'k' };
    const stop = { ...assessment('userData', 'possible'), downtime: true };
    expect(['web 1', ' web 1 ', 'i-0abc'].map((typed) => downtimeConfirmed(typed, named))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['', 'web', 'WEB 1', 'i-0ab', 'k'].map((typed) => downtimeConfirmed(typed, named))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(downtimeConfirmed('i-0abc', { ...named, instanceName: null })).toBe(true);
    expect(downtimeConfirmed('i-0abc', null)).toBe(false);
    expect(confirmBlockers(emptyDraft, stop, named)).toEqual(['blockers.downtime']);
    expect(confirmBlockers({ ...emptyDraft, downtimeConsent: 'web 1' }, stop, named)).toEqual([]);
    expect(confirmBlockers(emptyDraft, assessment('eic', 'advised'), named)).toEqual([]);
  });
});

describe('what Start sends', () => {
  const draft = { ...emptyDraft, path: 'eic' as const, temporaryIngress: true };

  it('plans the ingress rule first and the verification last', () => {
    expect(plannedSteps(draft, preflight.plan[1] ?? null)).toEqual(['ingress-add', 'append-key', 'verify']);
    expect(plannedSteps({ ...draft, importKeyPair: true }, assessment('eic', 'advised'))).toEqual([
      'import-key-pair',
      'append-key',
      'verify',
    ]);
  });

  it('plans the user data path as the engine runs it: keep, stop, set, start, read, verify, and back', () => {
    const userData = { ...emptyDraft, path: 'userData' as const };
    expect(plannedSteps(userData, { ...assessment('userData', 'possible'), downtime: true })).toEqual([
      'save-user-data',
      'stop-instance',
      'set-user-data',
      'start-instance',
      'boot-result',
      'verify',
      'stop-after-verify',
      'restore-user-data',
      'start-after-restore',
      'verify-after-restore',
    ]);
    expect(plannedSteps({ ...userData, importKeyPair: true }, assessment('userData', 'possible'))[0]).toBe(
      'import-key-pair',
    );
  });

  it('sends the downtime consent for a stop path only when the name or id was typed', () => {
    const stopPlan = {
      ...preflight,
      plan: [{ ...assessment('userData', 'possible'), downtime: true }],
    };
    const userData = { ...emptyDraft, path: 'userData' as const };
    const facts = { accountId: null, sshDir: '/s' };
    expect(startInput(target, userData, stopPlan, facts)).not.toHaveProperty('downtimeConfirmed');
    expect(
      startInput(target, { ...userData, downtimeConsent: 'legacy' }, stopPlan, facts),
    ).not.toHaveProperty('downtimeConfirmed');
    expect(startInput(target, { ...userData, downtimeConsent: 'legacy-app' }, stopPlan, facts)).toMatchObject(
      { path: 'userData', instanceId: 'i-1', downtimeConfirmed: 'i-1' },
    );
    expect(
      startInput(target, { ...draft, downtimeConsent: 'legacy-app' }, preflight, facts),
    ).not.toHaveProperty('downtimeConfirmed');
  });

  it('builds the advised run: Ed25519 in ~/.ssh, accept-new host key, temporary ingress', () => {
    expect(startInput(target, draft, preflight, { accountId: 'practice', sshDir: '/home/me/.ssh' })).toEqual({
      accountId: 'practice',
      instanceId: 'i-1',
      region: 'us-east-1',
      path: 'eic',
      targetUser: 'ec2-user',
      newKey: {
        kind: 'generate',
        type: 'ed25519',
        outputPath: '/home/me/.ssh/legacy-app-recovered',
        format: 'openssh',
      },
      temporaryIngress: true,
      // The wizard shows the remembered SSH target in its fields: main does not add one of its own.
      rememberedSshTarget: 'ignore',
      hostKey: { kind: 'accept-new' },
    });
  });

  it('sends an existing key, the other login and a pinned host key as chosen', () => {
    const input = startInput(
      target,
      {
        ...draft,
        path: 'ssh',
        keySource: 'existing',
        existingPath: '/k/mine',
        loginUser: 'admin',
        loginPassword: 'pw',
        hostKeyMode: 'pinned',
        hostKeyFingerprint: `SHA256:${'a'.repeat(43)}`,
        importKeyPair: true,
        importName: 'mine',
      },
      preflight,
      { accountId: null, sshDir: null },
    );
    expect(input).toMatchObject({
      path: 'ssh',
      newKey: { kind: 'existing', privateKeyPath: '/k/mine' },
      login: { user: 'admin', password: 'pw' },
      importKeyPairName: 'mine',
      hostKey: { kind: 'pinned', fingerprint: `SHA256:${'a'.repeat(43)}` },
    });
    expect(input).not.toHaveProperty('accountId');
    expect(input).not.toHaveProperty('temporaryIngress');
  });
});
