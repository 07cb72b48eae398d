/**
 * RouteLLM names open-weights models by their Hugging Face repo id ("mistralai/Mixtral-8x7B-
 * Instruct-v0.1") and API models by the vendor's id ("gpt-4-1106-preview"). The recordings of
 * the former were made on the recorder's own GPUs, so the importers mark those answers local.
 */
export function isOpenWeightsRepoId(model: string): boolean {
  return /^[\w.-]+\/[\w.-]+$/.test(model);
}
