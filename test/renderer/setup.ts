// Waits of findBy*/waitFor in every renderer test. Views load their charts (and KaTeX) as lazy
// chunks: the first import of one transforms chart.js in vitest, which passed the library's 1 s
// default on a busy 2-core machine. A wait still ends as soon as what it waits for appears.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5_000 });
