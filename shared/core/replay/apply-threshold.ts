// "Use threshold X" from a replay: writes the threshold (and optionally the tiers) into the
// user's configuration, and says where a more specific threshold still wins over it.
import { appConfigSchema, type AppConfig, type TierConfig } from '../config/schema.ts';

export interface AppliedThreshold {
  config: AppConfig;
  /** Settings that keep their own threshold, e.g. 'tier "gpt-4o-mini" keeps its own threshold 0.80'. */
  notes: string[];
}

export function applyThreshold(config: AppConfig, threshold: number, tiers?: readonly TierConfig[]): AppliedThreshold {
  const next = appConfigSchema.parse({ ...config, quality: { ...config.quality, threshold }, ...(tiers ? { tiers } : {}) });
  const notes: string[] = [];
  // The last tier is never judged for acceptance, so its own threshold does not matter.
  for (const t of next.tiers.slice(0, -1)) {
    if (t.threshold !== undefined && t.threshold !== threshold) notes.push(`tier "${t.model}" keeps its own threshold ${t.threshold.toFixed(2)}`);
  }
  for (const [name, d] of Object.entries(next.domains)) {
    if (d.threshold !== undefined && d.threshold !== threshold) notes.push(`domain "${name}" keeps its own threshold ${d.threshold.toFixed(2)}`);
  }
  return { config: next, notes };
}
