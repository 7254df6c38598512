// pinyin-pro, loaded the first time a Chinese name is read. Its dictionaries are about 26 MB of a
// process (measured: RSS 42 → 68 MiB on import), and most commands and many address books never
// meet a Han character: `concord status`, a sync of a book without Chinese names. Loaded
// synchronously through require (the package ships a CommonJS build next to its ES one), because
// name keys and search text are computed inside synchronous transactions.
// Invariant: every use of pinyin-pro goes through pinyinPro(); nothing imports the package's values.
import { createRequire } from 'node:module';
import type * as PinyinPro from 'pinyin-pro';

let lib: typeof PinyinPro | undefined;

export function pinyinPro(): typeof PinyinPro {
  return (lib ??= createRequire(import.meta.url)('pinyin-pro') as typeof PinyinPro);
}
