import {
  CreateLaunchTemplate$,
  DeleteLaunchTemplate$,
  DescribeLaunchTemplateVersions$,
  DescribeLaunchTemplates$,
  type CreateLaunchTemplateRequest,
  type CreateLaunchTemplateResult,
  type DeleteLaunchTemplateRequest,
  type DeleteLaunchTemplateResult,
  type DescribeLaunchTemplateVersionsRequest,
  type DescribeLaunchTemplateVersionsResult,
  type DescribeLaunchTemplatesRequest,
  type DescribeLaunchTemplatesResult,
  type LaunchTemplate,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, required, type ActionContext, type ActionDefinition } from './engine';
import { applyFilters } from './filters';
import { newResourceId } from './ids';
import type { LaunchTemplateRecord } from './model';
import { paginate } from './pagination';
import { sandboxUserName } from './sts';
import { callerArn } from './sts-sessions';
import { tagOutput, tagsFor } from './tags';

/** The caller's ARN, shown as CreatedBy (EC2 records the creating principal). */
function createdBy(ctx: ActionContext): string {
  return callerArn(ctx.state, ctx.session, sandboxUserName);
}

function templatesOf(ctx: ActionContext): LaunchTemplateRecord[] {
  // State files written before launch templates existed have no list yet.
  ctx.rs.launchTemplates ??= [];
  return ctx.rs.launchTemplates;
}

function notFoundById(id: string): Error {
  return apiError(
    'InvalidLaunchTemplateId.NotFound',
    `The specified launch template, with template ID ${id}, does not exist.`,
  );
}

function notFoundByName(name: string): Error {
  return apiError(
    'InvalidLaunchTemplateName.NotFoundException',
    `At least one of the launch templates specified in the request does not exist (${name}).`,
  );
}

/** Finds a template by id or name (exactly one must be given, as EC2 requires). */
function findTemplate(
  ctx: ActionContext,
  id: string | undefined,
  name: string | undefined,
): LaunchTemplateRecord {
  if (id && name)
    throw apiError(
      'InvalidParameterCombination',
      'Specify either the launch template ID or the launch template name, not both.',
    );
  if (!id && !name)
    throw apiError(
      'MissingParameter',
      'The request must contain the parameter LaunchTemplateId or LaunchTemplateName',
    );
  const template = templatesOf(ctx).find((candidate) =>
    id ? candidate.launchTemplateId === id : candidate.launchTemplateName === name,
  );
  if (!template) throw id ? notFoundById(id) : notFoundByName(name ?? '');
  return template;
}

function templateOutput(template: LaunchTemplateRecord): LaunchTemplate {
  return {
    LaunchTemplateId: template.launchTemplateId,
    LaunchTemplateName: template.launchTemplateName,
    CreateTime: new Date(template.createTime),
    CreatedBy: template.createdBy,
    DefaultVersionNumber: template.defaultVersion,
    LatestVersionNumber: Math.max(...template.versions.map((version) => version.versionNumber)),
    Tags: tagOutput(template.tags),
  };
}

const createLaunchTemplate = defineAction<CreateLaunchTemplateRequest, CreateLaunchTemplateResult>(
  CreateLaunchTemplate$,
  (ctx, input) => {
    const name = required(input.LaunchTemplateName, 'LaunchTemplateName');
    if (name.length < 3 || name.length > 128 || !/^[a-zA-Z0-9().\-/_]+$/.test(name)) {
      throw apiError(
        'InvalidLaunchTemplateName.MalformedException',
        `A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.`,
      );
    }
    const data = required(input.LaunchTemplateData, 'LaunchTemplateData');
    if (templatesOf(ctx).some((template) => template.launchTemplateName === name)) {
      throw apiError(
        'InvalidLaunchTemplateName.AlreadyExistsException',
        `Launch template name already in use.`,
      );
    }
    const record: LaunchTemplateRecord = {
      launchTemplateId: newResourceId('lt'),
      launchTemplateName: name,
      createTime: ctx.nowIso,
      createdBy: createdBy(ctx),
      defaultVersion: 1,
      tags: tagsFor(input.TagSpecifications, 'launch-template'),
      versions: [
        {
          versionNumber: 1,
          versionDescription: input.VersionDescription,
          createTime: ctx.nowIso,
          data: { keyName: data.KeyName, imageId: data.ImageId, instanceType: data.InstanceType },
        },
      ],
    };
    templatesOf(ctx).push(record);
    return { LaunchTemplate: templateOutput(record) };
  },
);

const describeLaunchTemplates = defineAction<DescribeLaunchTemplatesRequest, DescribeLaunchTemplatesResult>(
  DescribeLaunchTemplates$,
  (ctx, input) => {
    let templates = templatesOf(ctx);
    for (const id of input.LaunchTemplateIds ?? []) {
      if (!templates.some((template) => template.launchTemplateId === id)) throw notFoundById(id);
    }
    for (const name of input.LaunchTemplateNames ?? []) {
      if (!templates.some((template) => template.launchTemplateName === name)) throw notFoundByName(name);
    }
    if (input.LaunchTemplateIds?.length)
      templates = templates.filter((template) =>
        input.LaunchTemplateIds?.includes(template.launchTemplateId),
      );
    if (input.LaunchTemplateNames?.length)
      templates = templates.filter((template) =>
        input.LaunchTemplateNames?.includes(template.launchTemplateName),
      );
    templates = applyFilters(
      templates,
      input.Filters,
      {
        'launch-template-name': (template) => [template.launchTemplateName],
        'create-time': (template) => [template.createTime],
      },
      (template) => template.tags,
    );
    const { page, nextToken } = paginate(templates, input, { min: 1, max: 200 });
    return { LaunchTemplates: page.map(templateOutput), NextToken: nextToken };
  },
  { readOnly: true },
);

function selectVersions(
  template: LaunchTemplateRecord,
  requested: string[] | undefined,
): LaunchTemplateRecord['versions'] {
  if (!requested?.length) return template.versions;
  const latest = Math.max(...template.versions.map((version) => version.versionNumber));
  const numbers = new Set<number>();
  for (const text of requested) {
    const number =
      text === '$Default'
        ? template.defaultVersion
        : text === '$Latest'
          ? latest
          : /^\d+$/.test(text)
            ? Number(text)
            : NaN;
    if (!template.versions.some((version) => version.versionNumber === number)) {
      throw apiError(
        'InvalidLaunchTemplateId.VersionNotFound',
        `Could not find launch template version ${text} for template ${template.launchTemplateId}.`,
      );
    }
    numbers.add(number);
  }
  return template.versions.filter((version) => numbers.has(version.versionNumber));
}

const describeLaunchTemplateVersions = defineAction<
  DescribeLaunchTemplateVersionsRequest,
  DescribeLaunchTemplateVersionsResult
>(
  DescribeLaunchTemplateVersions$,
  (ctx, input) => {
    const template = findTemplate(ctx, input.LaunchTemplateId, input.LaunchTemplateName);
    const versions = selectVersions(template, input.Versions);
    const { page, nextToken } = paginate(versions, input, { min: 1, max: 200 });
    return {
      LaunchTemplateVersions: page.map((version) => ({
        LaunchTemplateId: template.launchTemplateId,
        LaunchTemplateName: template.launchTemplateName,
        VersionNumber: version.versionNumber,
        VersionDescription: version.versionDescription,
        CreateTime: new Date(version.createTime),
        CreatedBy: template.createdBy,
        DefaultVersion: version.versionNumber === template.defaultVersion,
        LaunchTemplateData: {
          KeyName: version.data.keyName,
          ImageId: version.data.imageId,
          InstanceType: version.data.instanceType as _InstanceType | undefined,
        },
      })),
      NextToken: nextToken,
    };
  },
  { readOnly: true },
);

const deleteLaunchTemplate = defineAction<DeleteLaunchTemplateRequest, DeleteLaunchTemplateResult>(
  DeleteLaunchTemplate$,
  (ctx, input) => {
    const template = findTemplate(ctx, input.LaunchTemplateId, input.LaunchTemplateName);
    const list = templatesOf(ctx);
    list.splice(list.indexOf(template), 1);
    return { LaunchTemplate: templateOutput(template) };
  },
);

/** EC2 launch template actions (a template has one version here: the sandbox has no CreateLaunchTemplateVersion). */
export const launchTemplateActions: Record<string, ActionDefinition> = {
  CreateLaunchTemplate: createLaunchTemplate,
  DescribeLaunchTemplates: describeLaunchTemplates,
  DescribeLaunchTemplateVersions: describeLaunchTemplateVersions,
  DeleteLaunchTemplate: deleteLaunchTemplate,
};
