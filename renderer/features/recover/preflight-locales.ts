import type { PreflightCheckId } from '../../../src/ipc/contracts/recovery';
import { checkNameTexts, findingTexts, planReasonTexts } from '../../../src/ipc/contracts/recovery-texts';
import {
  checkNameTextsJa,
  findingTextsJa,
  pathNameTextsJa,
  planReasonTextsJa,
  verdictTextsJa,
} from '../../../src/ipc/contracts/recovery-texts-ja';

// Texts of the preflight checklist and the plan (namespace `recover`, keys `findings.<code>`,
// `plan.<code>`, `paths.<id>`). The codes come from src/ipc/contracts/recovery.ts;
// preflight-locales.test.ts checks every code has both languages with the same placeholders. The
// Japanese lives beside the English in src/ipc/contracts (the CLI prints it too, --language ja).

/** The English is the core's own (the CLI prints the same sentences). */
export const findingsEn = findingTexts;

export const findingsJa = findingTextsJa;

/**
 * Check ids hold a dot (`savedKey.ec2rl`), which i18next reads as nesting: the names are stored
 * nested so `checkNames.<id>` finds them.
 */
function nestedByDots(names: Record<PreflightCheckId, string>) {
  const tree: Record<string, string | Record<string, string>> = {};
  for (const [id, name] of Object.entries(names)) {
    const [head = id, tail] = id.split('.');
    if (tail === undefined) tree[head] = name;
    else tree[head] = { ...(tree[head] as Record<string, string> | undefined), [tail]: name };
  }
  return tree;
}

/** Check names: the English is the core's (the CLI prints the same names). */
export const checkNamesEn = nestedByDots(checkNameTexts);

export const checkNamesJa = nestedByDots(checkNameTextsJa);

export const planEn = planReasonTexts;

export const planJa = planReasonTextsJa;

export const pathsEn = {
  ssh: 'Another working login',
  eic: 'EC2 Instance Connect',
  ssm: 'Systems Manager Run Command',
  userData: 'User data (stop and start)',
  rescueVolume: 'Rescue volume (stop, edit the root volume)',
};

export const pathsJa = pathNameTextsJa;

export const verdictsEn = { advised: 'Advised', possible: 'Possible', notPossible: 'Not possible' };
export const verdictsJa = verdictTextsJa;
