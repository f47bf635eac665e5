import * as z from 'zod/mini';
import { empty, text } from './schema-helpers';

export const languages = ['ja', 'en'] as const;
export const themes = ['system', 'light', 'dark'] as const;

export const settingsSchema = z.strictObject({
  /** `null` means "follow the operating system's locale". */
  language: z.nullable(z.enum(languages)),
  theme: z.enum(themes),
  lastProfile: z.nullable(text(200)),
  lastRegion: z.nullable(text(40)),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Every field optional; still strict, as `z.partial` keeps the object's unknown-key rule. */
export const partialSettingsSchema = z.partial(settingsSchema);

export const defaultSettings: Settings = {
  language: null,
  theme: 'system',
  lastProfile: null,
  lastRegion: null,
};

export const settingsContract = {
  'settings:get': { input: empty(), output: settingsSchema },
  'settings:set': { input: partialSettingsSchema, output: settingsSchema },
} as const;
