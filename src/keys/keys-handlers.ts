import { promises as fs } from 'node:fs';
import { AppError } from '../ipc/app-error';
import type { keysContract } from '../ipc/contracts/keys';
import type { Handlers } from '../ipc/router';
import type { DialogPort } from '../app/ports';
import { writeFileAtomic } from '../fs/atomic-write';
import { decodePrivateKey, encodePrivateKey } from './codec';
import { convertKeys, PRIVATE_KEY_WRITE, writtenFormatOf } from './convert-service';
import { computeFingerprints } from './fingerprints';
import { generatePrivateKey } from './generate';
import { inspectKey } from './inspect';
import { describeKey } from './key-info';
import { loadKeySource } from './key-source';
import { publicKeyToOpenSSH, publicKeyToRfc4716 } from './public-key';
import { dialogErrorCodes } from '../app/ports';
import { fileErrorCodes } from '../fs/file-errors';

export interface KeysHandlerDeps {
  /** Native dialogs; absent in the CLI, where the dialog channels answer `dialog.unavailable`. */
  dialogs?: DialogPort;
}

function noDialogs(): never {
  throw new AppError(dialogErrorCodes.unavailable, 'File dialogs are not available here.');
}

/** Handlers for `keys:*` and the file-dialog channels the converter uses. */
export function createKeysHandlers(deps: KeysHandlerDeps = {}): Pick<Handlers, keyof typeof keysContract> {
  return {
    'keys:inspect': async ({ source, passphrase }) => describeKey(await loadKeySource(source), passphrase),

    'keys:convert': async (req, ctx) => {
      const operationId = req.operationId;
      const results = await convertKeys(req, (done, total, source) => {
        if (operationId)
          ctx.emit('progress', {
            operationId,
            step: 'keys:convert',
            done,
            total,
            detail: source.slice(-500),
          });
      });
      return { results };
    },

    'keys:generate': async (req) => {
      const publicKeyPath = `${req.outputPath}.pub`;
      if (!req.overwrite) {
        for (const p of [req.outputPath, publicKeyPath]) {
          const taken = await fs.lstat(p).then(
            () => true,
            () => false,
          );
          if (taken)
            throw new AppError(
              fileErrorCodes.exists,
              `${p} already exists. Choose another name or allow overwriting.`,
              { path: p },
            );
        }
      }
      const key = await generatePrivateKey({
        type: req.type,
        ...(req.bits ? { bits: req.bits } : {}),
        comment: req.comment ?? '',
      });
      const text = await encodePrivateKey(key, {
        format: req.format,
        ...(req.newPassphrase ? { passphrase: req.newPassphrase } : {}),
      });
      const line = publicKeyToOpenSSH(key);
      await writeFileAtomic(req.outputPath, text, {
        ...PRIVATE_KEY_WRITE,
        overwrite: Boolean(req.overwrite),
      });
      try {
        await writeFileAtomic(publicKeyPath, `${line}\n`, { mode: 0o644, overwrite: Boolean(req.overwrite) });
      } catch (error) {
        // No half-finished pair: without its .pub the new private key is removed again.
        await fs.rm(req.outputPath, { force: true });
        throw error;
      }
      return {
        outputPath: req.outputPath,
        publicKeyPath,
        writtenFormat: writtenFormatOf(key, req.format),
        type: key.type,
        bits: key.bits,
        publicKey: line,
        fingerprints: computeFingerprints(key),
      };
    },

    'keys:publicKey': async ({ source, passphrase, format }) => {
      const loaded = await loadKeySource(source);
      const insp = inspectKey(loaded.data, { source: loaded.label });
      // PPK and OpenSSH keep the public half in clear; only PEM needs decoding (and maybe a passphrase).
      const needsDecode =
        !insp.publicKey || (insp.kind === 'private' && insp.encrypted && Boolean(passphrase));
      const key =
        !needsDecode && insp.publicKey
          ? insp.publicKey
          : await decodePrivateKey(loaded.data, {
              source: loaded.label,
              ...(passphrase ? { passphrase } : {}),
            });
      const comment = insp.comment ?? key.comment ?? '';
      const pub = key.kind === 'private' ? key.publicKey : key;
      return {
        publicKey: format === 'rfc4716' ? publicKeyToRfc4716(pub, comment) : publicKeyToOpenSSH(pub, comment),
        type: pub.type,
        bits: pub.bits,
        ...(comment ? { comment } : {}),
        fingerprints: computeFingerprints(key),
      };
    },

    'dialog:openKeyFiles': async ({ multiple }) => ({
      paths: deps.dialogs ? await deps.dialogs.openKeyFiles({ multiple }) : noDialogs(),
    }),
    'dialog:chooseFolder': async ({ defaultPath }) => ({
      path: deps.dialogs ? await deps.dialogs.chooseFolder(defaultPath ? { defaultPath } : {}) : noDialogs(),
    }),
    'shell:showItemInFolder': async ({ path }) => {
      if (!deps.dialogs) noDialogs();
      await deps.dialogs.showItemInFolder(path);
      return {};
    },
  };
}
