/**
 * The shape of a run folder's manifest (`manifest.json`) and of its companions: what every run writes so
 * that, months later, anyone can prove the folder is what the run produced (`sas-recette verify`).
 * The manifest lists every report, evidence and input file with its SHA-256 and size, and the FHIR
 * packages the run judged with; the PV shows the manifest's own SHA-256, and `SHA256SUMS` (the
 * `sha256sum` format, written last) covers the manifest and the PV files, which the manifest cannot hold.
 */

/** The manifest, in the run's folder. */
export const MANIFEST_FILE = 'manifest.json';
/** The checksums of the manifest and the PV files (`sha256sum -c SHA256SUMS`), written last. */
export const SUMS_FILE = 'SHA256SUMS';
/** Copies of the cahier and JDD files the run used, inside the run's folder. */
export const INPUTS_DIR = 'inputs';

export const MANIFEST_FORMAT = 'sas-recette-manifest';

/** One file of the folder: path relative to the folder, `/`-separated. */
export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** A copy of an input file of the run, and where it was read from. */
export interface ManifestInput {
  kind: 'cahier' | 'jdd';
  /** The path as the run recorded it (run.json's `cahier.files` / `jdd.files`). */
  original: string;
  /** The copy inside the folder (listed in `files`); absent when the file could no longer be read. */
  path?: string;
}

/** A FHIR package the run loaded. */
export interface ManifestPackage {
  /** `id#version`, as run.json lists it. */
  package: string;
  /** Where it was found when the run was reported; absent when it was not found there. */
  location?: string;
  /** `tgz`: SHA-256 of the file; `folder`: SHA-256 of its content (see package-hash.ts). */
  kind?: 'tgz' | 'folder';
  sha256?: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  runId: string;
  tool: { name: string; version: string };
  files: ManifestFile[];
  inputs: ManifestInput[];
  packages: ManifestPackage[];
}

/**
 * A run handed to the PV reporters with the fingerprint of its folder's manifest, shown in the PV's
 * identification block. Kept off RunResult: run.json is listed in the manifest, so it cannot carry it.
 */
export interface ManifestMark {
  manifestSha256?: string;
}
