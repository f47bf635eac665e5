import type { Channel } from './contract';
import type { EventName } from './events';

// The names of every request channel and event, without their zod schemas: the preload needs only
// these (it forwards, main validates), and importing the contract would bundle zod into it. A new
// channel or event is added here too; the compiler (below) and channel-names.test.ts say so.

export const channelNameList = [
  'app:info',
  'app:quitBlockers',
  'settings:get',
  'settings:set',
  'keys:inspect',
  'keys:cancel',
  'keys:convert',
  'keys:generate',
  'keys:publicKey',
  'dialog:openKeyFiles',
  'dialog:chooseFolder',
  'dialog:saveKeyFile',
  'shell:showItemInFolder',
  'accounts:list',
  'accounts:select',
  'accounts:identity',
  'accounts:regions',
  'accounts:setEndpoint',
  'accounts:mfaCode',
  'inventory:cached',
  'inventory:refresh',
  'inventory:rematch',
  'inventory:sources',
  'inventory:addFolder',
  'inventory:removeFolder',
  'inventory:addFiles',
  'inventory:removeFile',
  'inventory:unlockKey',
  'inventory:export',
  'keypairs:checkName',
  'keypairs:create',
  'keypairs:retrySave',
  'keypairs:discardPending',
  'keypairs:previewPublicKey',
  'keypairs:import',
  'keypairs:deletePreview',
  'keypairs:delete',
  'recovery:preflight',
  'recovery:consoleHostKeys',
  'recovery:unfinished',
  'recovery:abandon',
  'recovery:report',
  'recovery:saveReport',
  'recovery:script',
  'recovery:start',
  'recovery:resume',
  'recovery:rollback',
  'recovery:cleanup',
  'recovery:sshTarget',
  'recovery:forgetSshTarget',
  'operations:status',
  'operations:wait',
  'operations:cancel',
  'operations:replay',
] as const satisfies readonly Channel[];

export const eventNameList = [
  'settings:changed',
  'operation:progress',
  'accounts:mfaRequired',
  'keypairs:changed',
] as const satisfies readonly EventName[];

// Compile-time completeness: a channel or event missing from the lists above fails `tsc` here.
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
export const everyChannelListed: Missing<Channel, (typeof channelNameList)[number]> = true;
export const everyEventListed: Missing<EventName, (typeof eventNameList)[number]> = true;

const channels = new Set<string>(channelNameList);
const eventSet = new Set<string>(eventNameList);

/** True for a contract channel name (own names only: `__proto__` or `toString` are not channels). */
export function isChannelName(name: unknown): name is Channel {
  return typeof name === 'string' && channels.has(name);
}

/** True for an event-table name. */
export function isEventNameOnly(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}
