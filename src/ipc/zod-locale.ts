/**
 * Zod Mini (`zod/mini`, the tree-shakable API every schema here uses) loads no locale, so without
 * this every issue would read a bare "Invalid input". The router shows issue messages to callers and
 * a bad sandbox state file reports them, so the English locale is configured once, here. Modules
 * whose messages can reach someone import this file.
 *
 * Only `en` is named: a bundle (the preload, a bundled CLI) keeps just that locale, as zod marks its
 * locale files side-effect free. `zod/v4/locales` rather than `zod/v4/locales/en.js` because that
 * wildcard path has no `require` variant: from our CommonJS builds it would load zod's ES module
 * copy of its core next to the CommonJS one. Where zod stays external, `zod/mini` itself already
 * loads this locale index, so naming it here costs nothing.
 */
import { config } from 'zod/mini';
import { en } from 'zod/v4/locales';

config(en());
