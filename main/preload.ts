// The sandboxed preload: it can require only `electron`, so build.mjs bundles this file and the
// name tables it imports into one CommonJS file.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createFilesApi, createPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld('api', createPreloadApi(ipcRenderer));
// Electron ≥ 32 has no File.path: a dropped key's real path comes from webUtils, so output can go
// beside it. Only the path of a File the user dropped is exposed, nothing else of webUtils.
contextBridge.exposeInMainWorld('keyrescueFiles', createFilesApi(webUtils, ipcRenderer));
