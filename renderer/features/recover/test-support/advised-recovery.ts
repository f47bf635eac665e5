import { useAccountsStore } from '../../accounts/accounts-store';
import { allKeyPairs } from '../../inventory/inventory-filter';
import { useInventoryStore } from '../../inventory/inventory-store';
import { atRiskTargets } from '../../inventory/recover-handoff';
import { assessmentOf, plannedSteps, startInput } from '../recover-rules';
import { useRecoverStore } from '../recover-store';
import { useRecoveryRunStore } from '../recovery-run-store';

/**
 * The demo's at-risk instance recovered through the wizard's stores with the advised choices, as
 * the screens after the run (cleanup, report) find it. Throws when the run did not verify.
 */
export async function runAdvisedRecovery(): Promise<void> {
  await useInventoryStore.getState().start();
  const [target] = atRiskTargets(allKeyPairs(useInventoryStore.getState().view));
  if (!target) throw new Error('no at-risk instance in the demo');
  await useRecoverStore.getState().open();
  await useRecoverStore.getState().pick(target);
  const { draft, preflight, sshDir } = useRecoverStore.getState();
  const input = startInput(target, draft, preflight, {
    accountId: useAccountsStore.getState().activeId,
    sshDir,
  });
  if (!input) throw new Error('no path advised');
  await useRecoveryRunStore.getState().start(input, plannedSteps(draft, assessmentOf(preflight, draft.path)));
  const { result, error } = useRecoveryRunStore.getState();
  if (!result?.verified) throw new Error(`the advised recovery did not verify: ${JSON.stringify(error)}`);
}
