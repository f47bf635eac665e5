import type * as z from 'zod/mini';
import './zod-locale';
import { appContract } from './contracts/app';
import { settingsContract } from './contracts/settings';
import { keysContract } from './contracts/keys';
import { accountsContract } from './contracts/accounts';
import { inventoryContract } from './contracts/inventory';
import { keypairsContract } from './contracts/keypairs';
import { recoveryContract } from './contracts/recovery';
import { operationsContract } from './contracts/operations';
import { recoveryJournalContract, recoveryRunContract } from './contracts/recovery-run';

/**
 * Every request channel the app has: `area:verb` → strict, bounded zod schemas. Each area declares its
 * table in `contracts/<area>.ts`; this is the one place they are joined.
 */
export const contract = {
  ...appContract,
  ...settingsContract,
  ...keysContract,
  ...accountsContract,
  ...inventoryContract,
  ...keypairsContract,
  ...operationsContract,
  ...recoveryContract,
  ...recoveryJournalContract,
  ...recoveryRunContract,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channelNames = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
