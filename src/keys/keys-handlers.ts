import { AppError } from '../ipc/app-error';
import { CancellableRequests } from '../ipc/cancellable-requests';
import type { keysContract } from '../ipc/contracts/keys';
import type { Handlers } from '../ipc/router';
import type { DialogPort } from '../app/ports';
import { encodePrivateKey } from './codec';
import { convertKeys, writtenFormatOf } from './convert-service';
import { computeFingerprints } from './fingerprints';
import { generatePrivateKey } from './generate';
import { KeyFiles } from './key-files';
import { describeKey } from './key-info';
import { loadKeySource } from './key-source';
import { publicKeyToOpenSSH, publicKeyToRfc4716 } from './public-key';
import { dialogErrorCodes } from '../app/ports';
import { readVerifiedPublicKey } from './verified-public-key';

export interface KeysHandlerDeps {
  /** Native dialogs; absent in the CLI, where the dialog channels answer `dialog.unavailable`. */
  dialogs?: DialogPort;
  /** Where generated and converted keys are written (default: no guard, nothing remembered). */
  keyFiles?: KeyFiles;
}

function noDialogs(): never {
  throw new AppError(dialogErrorCodes.unavailable, 'File dialogs are not available here.');
}

/** Handlers for `keys:*` and the file-dialog channels the converter uses. */
export function createKeysHandlers(deps: KeysHandlerDeps = {}): Pick<Handlers, keyof typeof keysContract> {
  const keyFiles = deps.keyFiles ?? new KeyFiles();
  const inFlight = new CancellableRequests();
  return {
    'keys:inspect': async ({ source, passphrase, requestId }, ctx) =>
      inFlight.run(requestId, ctx.signal, async (signal) =>
        describeKey(await loadKeySource(source), passphrase, signal),
      ),

    'keys:cancel': async ({ requestId }) => ({ cancelled: inFlight.cancel(requestId) }),

    'keys:convert': async (req, ctx) => {
      const operationId = req.operationId;
      // A request, not a registered operation: its entries are numbered per call, one per item.
      let seq = 0;
      const results = await inFlight.run(req.requestId, ctx.signal, (signal) =>
        convertKeys(
          req,
          (done, total, source) => {
            if (operationId)
              ctx.emit('operation:progress', {
                operationId,
                seq: ++seq,
                kind: 'stepDone',
                step: 'keys:convert',
                done,
                total,
                detail: source.slice(-500),
                at: Date.now(),
              });
          },
          { files: keyFiles, caller: ctx.caller, ...(signal ? { signal } : {}) },
        ),
      );
      return { results };
    },

    'keys:generate': async (req, ctx) => {
      const writeOptions = { overwrite: Boolean(req.overwrite), caller: ctx.caller };
      // Checked before generating: an RSA 4096 key takes a while to make only to be refused.
      for (const p of [req.outputPath, `${req.outputPath}.pub`]) await keyFiles.checkTarget(p, writeOptions);
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
      const { publicKeyPath } = await keyFiles.writeKeyPair(req.outputPath, text, line, writeOptions);
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

    'keys:publicKey': async ({ source, passphrase, format }, ctx) => {
      const loaded = await loadKeySource(source);
      const { publicKey, comment, privateKey } = await readVerifiedPublicKey(loaded.data, {
        source: loaded.label,
        ...(passphrase ? { passphrase } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      return {
        publicKey:
          format === 'rfc4716'
            ? publicKeyToRfc4716(publicKey, comment)
            : publicKeyToOpenSSH(publicKey, comment),
        type: publicKey.type,
        bits: publicKey.bits,
        ...(comment ? { comment } : {}),
        fingerprints: computeFingerprints(privateKey ?? publicKey),
      };
    },

    'dialog:openKeyFiles': async ({ multiple }) => ({
      paths: deps.dialogs ? await deps.dialogs.openKeyFiles({ multiple }) : noDialogs(),
    }),
    'dialog:chooseFolder': async ({ defaultPath }) => ({
      path: deps.dialogs ? await deps.dialogs.chooseFolder(defaultPath ? { defaultPath } : {}) : noDialogs(),
    }),
    'dialog:saveKeyFile': async ({ defaultPath }) => ({
      path: deps.dialogs?.saveKeyFile ? await deps.dialogs.saveKeyFile({ defaultPath }) : noDialogs(),
    }),
    'shell:showItemInFolder': async ({ path }) => {
      if (!deps.dialogs) noDialogs();
      await deps.dialogs.showItemInFolder(path);
      return {};
    },
  };
}
