// What global-setup.ts hands to the e2e test files through vitest's provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the Chromium binary, or null when it is missing and e2e tests must skip. */
    e2eChromium: string | null;
    /** Why e2e tests skip, printed by each file. */
    e2eSkipReason: string | null;
  }
}

export const CHROMIUM_PATH = '/usr/bin/chromium';
