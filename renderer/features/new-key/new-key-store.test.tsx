// @vitest-environment happy-dom
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodePrivateKey } from '../../../src/keys';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { installCoreBridge, type CoreBridge } from '../../test-support/core-bridge';
import { emptyDraft } from './new-key-rules';
import { useAccountsStore } from '../accounts/accounts-store';
import { blockersOf, useNewKeyStore } from './new-key-store';

/** What blocks submit now, in the region the form works on (the account's default here). */
const blockers = () => blockersOf(useNewKeyStore.getState(), useAccountsStore.getState().defaultRegion ?? '');

/**
 * The New key store over the real router and a real (empty) sandbox as the practice account, with
 * ~/.ssh in a temp folder: every api call of the page goes through these actions.
 */
describe('new key store', () => {
  let sandbox: RunningSandbox;
  let bridge: CoreBridge;
  let root: string;
  let sshDir: string;
  let saveAnswer: string | null = null;
  const saveAsked: string[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'empty' });
    root = await mkdtemp(join(tmpdir(), 'keyrescue-new-key-store-'));
    sshDir = join(root, 'home', '.ssh');
    await mkdir(sshDir, { recursive: true });
    bridge = await installCoreBridge({
      // The native Save dialog cannot run here: this one answers what the test sets and records where it opened.
      dialogs: {
        openKeyFiles: async () => [],
        chooseFolder: async () => null,
        saveKeyFile: async ({ defaultPath }) => {
          saveAsked.push(defaultPath);
          return saveAnswer;
        },
        showItemInFolder: async () => undefined,
      },
      accounts: {
        environment: { env: {}, homeDir: join(root, 'home') },
        homeDir: join(root, 'home'),
        practice: async () => sandbox,
      },
    });
    await useAccountsStore.getState().loadRegions();
    await useNewKeyStore.getState().load();
  }, 60_000);
  beforeEach(() => {
    useNewKeyStore.setState({
      draft: emptyDraft,
      done: null,
      error: null,
      fileExists: null,
      nameCheck: null,
    });
  });
  afterAll(async () => {
    await bridge.dispose();
    await sandbox.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('loads the regions and ~/.ssh, and lists what is missing before anything is sent', () => {
    const state = useNewKeyStore.getState();
    expect(useAccountsStore.getState().defaultRegion).toBe('us-east-1');
    expect(state.sshDir).toBe(sshDir);
    expect(blockers()).toEqual(['blockers.name']);
    state.edit({ name: 'a', passphrase: 'one', confirmPassphrase: 'two', typedPath: '' });
    expect(blockers()).toEqual(['blockers.path', 'blockers.mismatch']);
    useNewKeyStore.getState().edit({ method: 'import' });
    expect(blockers()).toEqual(['blockers.pasteKey']);
  });

  it('keeps what was typed when the method changes, mapping choices AWS does not offer', () => {
    const { edit } = useNewKeyStore.getState();
    edit({ name: 'kept', keyChoice: 'rsa4096', format: 'openssh', tags: [{ key: 'team', value: 'ops' }] });
    edit({ method: 'aws' });
    edit({ method: 'import' });
    edit({ method: 'local' });
    const { draft } = useNewKeyStore.getState();
    expect(draft).toMatchObject({ name: 'kept', keyChoice: 'rsa4096', format: 'openssh' });
    expect(draft.tags).toEqual([{ key: 'team', value: 'ops' }]);
  });

  it('a duplicate name found by the check blocks creating', async () => {
    await bridge.core.router.dispatch(
      'keypairs:create',
      {
        region: 'us-east-1',
        name: 'taken',
        method: 'local',
        keyType: 'ed25519',
        format: 'openssh',
        path: join(sshDir, 'taken'),
        tags: [],
      },
      { caller: 'renderer', emit: () => undefined },
    );
    useNewKeyStore.getState().edit({ name: 'taken' });
    await useNewKeyStore.getState().checkName();
    expect(blockers()).toEqual(['blockers.nameProblem']);
    await useNewKeyStore.getState().create();
    expect(useNewKeyStore.getState().done).toBeNull();
  });

  it('"file exists": saves under the suggested free name, or replaces only with overwrite', async () => {
    const existing = join(sshDir, 'laptop');
    await writeFile(existing, 'a file the user keeps');
    useNewKeyStore.getState().edit({ name: 'laptop' });
    await useNewKeyStore.getState().create();
    expect(useNewKeyStore.getState().fileExists).toEqual({
      path: existing,
      suggestion: join(sshDir, 'laptop-2'),
    });
    expect(useNewKeyStore.getState().error).toBeNull();
    useNewKeyStore.getState().takeSuggestedPath();
    await useNewKeyStore.getState().create();
    expect(useNewKeyStore.getState().done).toMatchObject({ path: join(sshDir, 'laptop-2'), method: 'local' });
    expect(await readFile(existing, 'utf8')).toBe('a file the user keeps');

    useNewKeyStore.getState().startAnother();
    useNewKeyStore.getState().edit({ name: 'laptop-replaced', typedPath: existing });
    await useNewKeyStore.getState().create();
    expect(useNewKeyStore.getState().fileExists?.path).toBe(existing);
    // Replacing in ~/.ssh needs the file picked in the Save dialog, which opens at it; cancelling keeps the file.
    saveAnswer = null;
    await useNewKeyStore.getState().replaceExisting();
    expect(saveAsked).toEqual([existing]);
    expect(useNewKeyStore.getState().fileExists?.path).toBe(existing);
    expect(await readFile(existing, 'utf8')).toBe('a file the user keeps');
    saveAnswer = existing;
    await useNewKeyStore.getState().replaceExisting();
    expect(saveAsked).toEqual([existing, existing]);
    expect(useNewKeyStore.getState().done).toMatchObject({ path: existing });
    expect((await decodePrivateKey(await readFile(existing))).type).toBe('ed25519');
  });

  it('imports the public half of a private key file once its preview is read', async () => {
    // The key the store saved in the previous test: only its public key is sent.
    useNewKeyStore.getState().edit({ method: 'import', name: 'from-file', importSource: 'file' });
    expect(blockers()).toEqual(['blockers.chooseFile']);
    useNewKeyStore.getState().edit({ importPath: join(sshDir, 'laptop') });
    expect(blockers()).toEqual(['blockers.reading']);
    await useNewKeyStore.getState().previewPublicKey();
    expect(useNewKeyStore.getState().preview?.value).toMatchObject({ type: 'ed25519', fromPrivateKey: true });
    expect(blockers()).toEqual([]);
    await useNewKeyStore.getState().importKey();
    expect(useNewKeyStore.getState().done).toMatchObject({
      method: 'import',
      keyPair: { name: 'from-file' },
    });
  });
});
