// "Use threshold X" from a replay: writes the threshold (and optionally the tiers, and the
// drafter's consistency samples the replay drew) into the user's configuration, and says where
// a more specific threshold still wins over it.
import { appConfigSchema, type AppConfig, type TierConfig } from '../config/schema.ts';

export interface AppliedThreshold {
  config: AppConfig;
  /** Settings that keep their own threshold, e.g. 'tier "gpt-4o-mini" keeps its own threshold 0.80'. */
  notes: string[];
}

export interface ApplyOptions {
  tiers?: readonly TierConfig[];
  /**
   * Answers the drafter draws from now on (the replay drew that many per query, so the cascade
   * that runs is the one measured); 1 removes the setting. Absent: left as it is.
   */
  samples?: number;
}

export function applyThreshold(config: AppConfig, threshold: number, opts: ApplyOptions = {}): AppliedThreshold {
  const notes: string[] = [];
  let tiers = opts.tiers ?? config.tiers;
  if (opts.samples !== undefined) {
    const [first, ...rest] = tiers;
    // A lone model answers every query itself: nothing drafts, so nothing samples.
    if (!first || rest.length === 0) {
      if (opts.samples > 1) notes.push('the cascade has a single model, which never drafts, so it draws no extra answers');
    } else {
      const { samples: _previous, ...plain } = first;
      tiers = [opts.samples > 1 ? { ...plain, samples: opts.samples } : plain, ...rest];
    }
  }
  const next = appConfigSchema.parse({ ...config, quality: { ...config.quality, threshold }, tiers });
  // The last tier is never judged for acceptance, so its own threshold does not matter.
  for (const t of next.tiers.slice(0, -1)) {
    if (t.threshold !== undefined && t.threshold !== threshold) notes.push(`tier "${t.model}" keeps its own threshold ${t.threshold.toFixed(2)}`);
  }
  for (const [name, d] of Object.entries(next.domains)) {
    if (d.threshold !== undefined && d.threshold !== threshold) notes.push(`domain "${name}" keeps its own threshold ${d.threshold.toFixed(2)}`);
  }
  return { config: next, notes };
}
