import { useId, type ReactNode } from 'react';
import type { IconComponent } from './icons';
import './segmented.css';

export interface SegmentedOption<V extends string> {
  value: V;
  label: ReactNode;
  icon?: IconComponent;
}

export interface SegmentedProps<V extends string> {
  /** The group's accessible name (a visible legend unless `hideLegend`). */
  legend: ReactNode;
  hideLegend?: boolean;
  value: V;
  options: ReadonlyArray<SegmentedOption<V>>;
  onChange: (value: V) => void;
  disabled?: boolean;
}

/**
 * A row of mutually exclusive choices drawn as one control. Built on native radio buttons, so arrow
 * keys, Tab and screen readers behave as users expect.
 */
export function Segmented<V extends string>({
  legend,
  hideLegend = false,
  value,
  options,
  onChange,
  disabled,
}: SegmentedProps<V>) {
  const name = useId();
  return (
    <fieldset className="segmented" disabled={disabled}>
      <legend className={hideLegend ? 'visually-hidden' : 'segmented-legend'}>{legend}</legend>
      <div className="segmented-track">
        {options.map(({ value: optionValue, label, icon: Icon }) => (
          <label key={optionValue} className="segmented-option" data-value={optionValue}>
            <input
              type="radio"
              className="segmented-input"
              name={name}
              value={optionValue}
              checked={value === optionValue}
              onChange={() => onChange(optionValue)}
            />
            <span className="segmented-face">
              {Icon ? <Icon size={15} /> : null}
              {label}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
