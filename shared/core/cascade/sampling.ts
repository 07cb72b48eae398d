// The extra answers of the consistency check (a tier's `samples`) are drawn at a sampling
// temperature: at temperature 0 a model repeats itself and every sample would "agree". 0.7 is
// the usual self-consistency setting; a request that asks for more keeps its own.
export const SAMPLE_TEMPERATURE = 0.7;

/** Most answers a tier may draw per query (the draft included): the tier config's, replay's and record's cap. */
export const MAX_SAMPLES = 8;

export function sampleTemperature(requested: number | undefined): number {
  return Math.max(requested ?? 0, SAMPLE_TEMPERATURE);
}

/** Extra answers to draw for a tier configured with `samples` (the draft itself is not one). */
export function extraSamples(samples: number | undefined): number {
  return Math.max(0, Math.floor(samples ?? 1) - 1);
}

/**
 * Calls tier `index` of a cascade makes per query when it runs: the draft and its extra samples,
 * or one for the last tier, which never drafts and so never samples.
 */
export function answersPerQuery(tiers: readonly { samples?: number }[], index: number): number {
  return answersAtTier(index, tiers.length, tiers[index]?.samples);
}

/** Answers of tier `index` of `tierCount` drawing `samples`: the top tier answers once. */
export function answersAtTier(index: number, tierCount: number, samples: number | undefined): number {
  return index < tierCount - 1 ? 1 + extraSamples(samples) : 1;
}
