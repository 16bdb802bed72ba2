/** The run manifest: written by every run (write-manifest.ts, sums.ts), checked by `sas-recette verify` (verify-folder.ts). */
export { MANIFEST_FILE, SUMS_FILE, INPUTS_DIR, type Manifest, type ManifestMark } from './types.js';
export { writeManifest, renderManifest, type ManifestSetup, type WrittenManifest } from './write-manifest.js';
export { readSums, writeSums, parseSums, renderSums, type SumLine } from './sums.js';
export { packageSourcesOf } from './package-hash.js';
export { openRunFolder } from './open-run-folder.js';
export { verifyRunFolder, type VerifyResult, type FileProblem, type PackageCheck } from './verify-folder.js';
export { sealedFolderOf, resealFolder, type SealedFolder } from './reseal.js';
export { relativeInside } from './hash.js';
export { renderVerifyText, renderVerifyJson } from './verify-text.js';
