export type { DefinitionIndex, FhirResource, LoadOptions, LoadResult, LoadedPackage, PackageRef } from './types.js';
export { loadDefinitions, parsePackageRef, pickPackage, compareVersions, DEFAULT_IG, type PackagePick } from './load-definitions.js';
export { defaultPackageSources, defaultCacheDir, listPackages, type AvailablePackage } from './package-source.js';
export { installPackage, type InstallOptions, type InstallResult } from './install-package.js';
export { readTgz, readTgzJson } from './read-tgz.js';
