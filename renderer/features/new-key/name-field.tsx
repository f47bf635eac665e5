import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Input } from '../../components/field';
import { api } from '../../lib/api';
import { localNameProblem } from './new-key-store';

/**
 * The key pair name, validated as the user types: AWS's rules at once, then (after a pause) whether
 * the region already has a key pair of that name. `onValidity` tells the form whether it may submit.
 */
export function NameField({
  region,
  value,
  onChange,
  onValidity,
}: {
  region: string;
  value: string;
  onChange: (name: string) => void;
  onValidity: (valid: boolean) => void;
}) {
  const { t } = useTranslation('new-key');
  const [duplicate, setDuplicate] = useState<{ region: string; name: string } | null>(null);
  const problem = localNameProblem(value);
  const isDuplicate = duplicate !== null && duplicate.region === region && duplicate.name === value;

  useEffect(() => {
    if (problem || !region) return;
    let current = true;
    const timer = setTimeout(() => {
      api.invoke('keypairs:checkName', { region, name: value }).then(
        (result) => {
          if (current) setDuplicate(result.problem === 'duplicate' ? { region, name: value } : null);
        },
        () => undefined, // the create call checks again and reports any error
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [region, value, problem]);

  useEffect(() => onValidity(!problem && !isDuplicate), [problem, isDuplicate, onValidity]);

  const error =
    value === ''
      ? undefined
      : problem
        ? t(`name.problems.${problem}`)
        : isDuplicate
          ? t('name.problems.duplicate', { region })
          : undefined;
  return (
    <Field label={t('name.label')} hint={t('name.hint')} error={error}>
      {(control) => (
        <Input
          {...control}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          maxLength={255}
        />
      )}
    </Field>
  );
}
