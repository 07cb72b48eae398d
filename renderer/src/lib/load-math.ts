// Loads KaTeX (math-render.ts, its own chunk with its CSS and fonts) once, the first time an
// answer holds math; later answers typeset at once, before the browser paints their TeX.
type MathRenderer = typeof import('./math-render.ts');

let loaded: MathRenderer | null = null;
let loading: Promise<MathRenderer> | null = null;

/** KaTeX when it has loaded, else null. */
export const loadedMath = (): MathRenderer | null => loaded;

export function loadMath(): Promise<MathRenderer> {
  loading ??= import('./math-render.ts').then(
    (m) => (loaded = m),
    (error: unknown) => {
      // A chunk that failed to load (an update replaced the files) may load on the next answer.
      loading = null;
      throw error;
    },
  );
  return loading;
}
