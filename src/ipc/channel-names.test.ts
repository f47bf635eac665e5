import { describe, expect, it } from 'vitest';
import { channelNameList, eventNameList, isChannelName, isEventNameOnly } from './channel-names';
import { contract } from './contract';
import { events } from './events';

describe('the names-only channel and event lists', () => {
  it('are exactly the contract’s channels and the event table’s names', () => {
    expect([...channelNameList].sort()).toEqual(Object.keys(contract).sort());
    expect([...eventNameList].sort()).toEqual(Object.keys(events).sort());
    expect(new Set(channelNameList).size).toBe(channelNameList.length);
  });

  it('recognise own names only', () => {
    expect(isChannelName('app:info')).toBe(true);
    expect(isEventNameOnly('operation:progress')).toBe(true);
    for (const name of ['__proto__', 'toString', 'constructor', 'fs:readFile', 42, null])
      expect([isChannelName(name), isEventNameOnly(name)], String(name)).toEqual([false, false]);
  });
});
