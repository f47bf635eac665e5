import {
  CreateTags$,
  DeleteTags$,
  type CreateTagsRequest,
  type DeleteTagsRequest,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, type ActionContext, type ActionDefinition } from './engine';
import { findInstance } from './lookups';
import type { TagRecord } from './model';
import { toTagRecords, upsertTags } from './tags';

function tagListOf(ctx: ActionContext, id: string): TagRecord[] {
  if (id.startsWith('i-')) return findInstance(ctx, id).tags;
  const owner =
    ctx.rs.volumes.find((v) => v.volumeId === id) ??
    ctx.rs.snapshots.find((s) => s.snapshotId === id) ??
    ctx.rs.keyPairs.find((k) => k.keyPairId === id);
  if (!owner) throw apiError('InvalidID', `The ID '${id}' is not valid`);
  return owner.tags;
}

const createTags = defineAction<CreateTagsRequest, object>(CreateTags$, (ctx, input) => {
  const tags = toTagRecords(input.Tags);
  const lists = (input.Resources ?? []).map((id) => tagListOf(ctx, id));
  for (const list of lists) upsertTags(list, tags);
  return {};
});

const deleteTags = defineAction<DeleteTagsRequest, object>(DeleteTags$, (ctx, input) => {
  const lists = (input.Resources ?? []).map((id) => tagListOf(ctx, id));
  for (const list of lists) {
    for (const tag of input.Tags ?? []) {
      const index = list.findIndex(
        (candidate) =>
          candidate.Key === tag.Key && (tag.Value === undefined || candidate.Value === tag.Value),
      );
      if (index >= 0) list.splice(index, 1);
    }
  }
  return {};
});

/** CreateTags / DeleteTags on instances, volumes, snapshots and key pairs. */
export const tagActions: Record<string, ActionDefinition> = {
  CreateTags: createTags,
  DeleteTags: deleteTags,
};
