import { parseArgs } from 'node:util';
import type { CliCommand } from '../cli-types';
import { parseCommandArgs } from '../parse-args';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Show the app name, version, platform and whether the practice account is active.',
  usage: 'keyrescue info [--json]',
  async run(args, ctx) {
    const { values } = parseCommandArgs(parseArgs, { args, options: { json: { type: 'boolean' } } });
    const info = await ctx.api.invoke('app:info', {});
    if (values.json) {
      ctx.stdout(`${JSON.stringify(info, null, 2)}\n`);
    } else {
      ctx.stdout(
        `${info.name} ${info.version}\nplatform: ${info.platform} (${info.arch})\naccount: ${info.mode === 'sandbox' ? 'practice account (sandbox)' : 'AWS'}\n`,
      );
    }
    return 0;
  },
};
