// The extra answers of the consistency check (a tier's `samples`) are drawn at a sampling
// temperature: at temperature 0 a model repeats itself and every sample would "agree". 0.7 is
// the usual self-consistency setting; a request that asks for more keeps its own.
export const SAMPLE_TEMPERATURE = 0.7;

export function sampleTemperature(requested: number | undefined): number {
  return Math.max(requested ?? 0, SAMPLE_TEMPERATURE);
}

/** Extra answers to draw for a tier configured with `samples` (the draft itself is not one). */
export function extraSamples(samples: number | undefined): number {
  return Math.max(0, Math.floor(samples ?? 1) - 1);
}
