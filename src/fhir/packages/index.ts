export type {
  CacheReport,
  CacheState,
  DefinitionIndex,
  FhirResource,
  LoadOptions,
  LoadResult,
  LoadedPackage,
  PackageRef,
} from './types.js';
export { loadDefinitions, parsePackageRef, pickPackage, compareVersions, DEFAULT_IG, type PackagePick } from './load-definitions.js';
export { defaultPackageSources, defaultCacheDir, listPackages, type AvailablePackage } from './package-source.js';
export { definitionsCacheDir, CACHE_ENV } from './cache-location.js';
export { listCache, clearCache, cachedManifests, type CacheListing, type CachedEntry, type ClearResult } from './cache-listing.js';
export { installPackage, type InstallOptions, type InstallResult } from './install-package.js';
export { readTgz, readTgzJson } from './read-tgz.js';
