// App-wide settings (electron-store in the desktop app, a JSON file headless). Validated with zod
// at every boundary so a hand-edited settings file cannot put the app in an unknown state.
import { z } from 'zod';

export const languages = ['system', 'en', 'zh-CN'] as const;

export const settingsSchema = z.object({
  language: z.enum(languages).default('system'),
  /** Background sync interval; the tray app also syncs on resume and when coming back online. */
  syncIntervalMinutes: z.number().int().min(1).max(24 * 60).default(15),
  startAtLogin: z.boolean().default(false),
  /** Safety guard (DESIGN.md §4.3): pause when a run would delete or rewrite more than this many contacts … */
  guardMinContacts: z.number().int().min(0).default(10),
  /** … and more than this share of the account. */
  guardFraction: z.number().min(0).max(1).default(0.05),
  /** Merge high-tier duplicate clusters after each sync or scan, as one undoable run (issue #10: off by default). */
  autoMergeHighConfidence: z.boolean().default(false),
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});
