import packageJson from '../../package.json';

/** Name and version as package.json says; bundled at build time so every driver reports the same. */
export const appName = packageJson.productName;
export const appVersion = packageJson.version;
