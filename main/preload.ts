// The sandboxed preload: it can require only `electron`, so build.mjs bundles this file and the
// name tables it imports into one CommonJS file.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld('api', createPreloadApi(ipcRenderer));
