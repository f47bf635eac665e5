import type { Tag, TagSpecification } from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import type { TagRecord } from './model';

/** Tags from `TagSpecifications` for one resource type (`instance`, `volume`, `key-pair`, …). */
export function tagsFor(specs: TagSpecification[] | undefined, resourceType: string): TagRecord[] {
  const tags: TagRecord[] = [];
  for (const spec of specs ?? []) {
    if (spec.ResourceType === resourceType) tags.push(...toTagRecords(spec.Tags));
  }
  return tags;
}

/** Validates and copies SDK tags (Key required, `aws:` prefix reserved). */
export function toTagRecords(tags: Tag[] | undefined): TagRecord[] {
  return (tags ?? []).map((tag) => {
    const key = tag.Key ?? '';
    if (key === '' || key.length > 128)
      throw apiError('InvalidParameterValue', `Tag key '${key}' must be 1 to 128 characters.`);
    if (key.toLowerCase().startsWith('aws:'))
      throw apiError('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use`);
    return { Key: key, Value: tag.Value ?? '' };
  });
}

/** Sets (or replaces) tags on a tag list in place. */
export function upsertTags(target: TagRecord[], tags: TagRecord[]): void {
  for (const tag of tags) {
    const existing = target.find((candidate) => candidate.Key === tag.Key);
    if (existing) existing.Value = tag.Value;
    else target.push({ ...tag });
  }
}

/** The SDK output form of a tag list (undefined when empty, as EC2 omits an empty tagSet). */
export function tagOutput(tags: TagRecord[]): Tag[] | undefined {
  return tags.length > 0 ? tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) : undefined;
}
