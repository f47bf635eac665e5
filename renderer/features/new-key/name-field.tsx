import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Field, Input } from '../../components/field';
import { localNameProblem } from './new-key-rules';
import { isDuplicateName, useNewKeyStore, useRegion } from './new-key-store';

/**
 * The key pair name, validated as the user types: AWS's rules at once, then (after a pause) whether
 * the region already has a key pair of that name.
 */
export function NameField() {
  const { t } = useTranslation('new-key');
  const region = useRegion();
  const { name, duplicate, edit, checkName } = useNewKeyStore(
    useShallow((state) => ({
      name: state.draft.name,
      duplicate: isDuplicateName(state, region),
      edit: state.edit,
      checkName: state.checkName,
    })),
  );
  const problem = localNameProblem(name);

  useEffect(() => {
    if (problem || !region) return;
    const timer = setTimeout(() => void checkName(), 300);
    return () => clearTimeout(timer);
  }, [region, name, problem, checkName]);

  const error =
    name === ''
      ? undefined
      : problem
        ? t(`name.problems.${problem}`)
        : duplicate
          ? t('name.problems.duplicate', { region })
          : undefined;
  return (
    <Field label={t('name.label')} hint={t('name.hint')} error={error}>
      {(control) => (
        <Input
          {...control}
          value={name}
          onChange={(event) => edit({ name: event.target.value })}
          autoComplete="off"
          spellCheck={false}
          maxLength={255}
        />
      )}
    </Field>
  );
}
