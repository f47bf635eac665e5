import { z } from 'zod';

export const languages = ['ja', 'en'] as const;
export const themes = ['system', 'light', 'dark'] as const;

export const settingsSchema = z
  .object({
    /** `null` means "follow the operating system's locale". */
    language: z.enum(languages).nullable(),
    theme: z.enum(themes),
    lastProfile: z.string().max(200).nullable(),
    lastRegion: z.string().max(40).nullable(),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  language: null,
  theme: 'system',
  lastProfile: null,
  lastRegion: null,
};

export const settingsContract = {
  'settings:get': { input: z.object({}).strict(), output: settingsSchema },
  'settings:set': { input: settingsSchema.partial().strict(), output: settingsSchema },
} as const;
