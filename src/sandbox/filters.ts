import { apiError } from './api-error';
import type { TagRecord } from './model';

export interface FilterInput {
  Name?: string;
  Values?: string[];
}

/** Field getters by filter name; each returns every value the resource has for that filter. */
export type FilterFields<T> = Record<string, (item: T) => (string | undefined)[]>;

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

function tagValues(tags: TagRecord[], name: string): (string | undefined)[] | undefined {
  if (name === 'tag-key') return tags.map((tag) => tag.Key);
  if (name === 'tag-value') return tags.map((tag) => tag.Value);
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    return tags.filter((tag) => tag.Key === key).map((tag) => tag.Value);
  }
  return undefined;
}

/**
 * EC2 filter semantics: filters AND together, values within one filter OR together, `*` and `?`
 * are wildcards, `tag:K` / `tag-key` / `tag-value` work on every taggable resource, and an unknown
 * filter name is an InvalidParameterValue error.
 */
export function applyFilters<T>(
  items: T[],
  filters: FilterInput[] | undefined,
  fields: FilterFields<T>,
  tagsOf?: (item: T) => TagRecord[],
): T[] {
  if (!filters || filters.length === 0) return items;
  for (const filter of filters) {
    const name = filter.Name ?? '';
    const isTag =
      tagsOf !== undefined && (name === 'tag-key' || name === 'tag-value' || name.startsWith('tag:'));
    if (!isTag && !fields[name]) throw apiError('InvalidParameterValue', `The filter '${name}' is invalid`);
  }
  return items.filter((item) =>
    filters.every((filter) => {
      const name = filter.Name ?? '';
      const values = (tagsOf ? tagValues(tagsOf(item), name) : undefined) ?? fields[name]?.(item) ?? [];
      const patterns = (filter.Values ?? []).map(wildcardToRegExp);
      return values.some((value) => value !== undefined && patterns.some((pattern) => pattern.test(value)));
    }),
  );
}
