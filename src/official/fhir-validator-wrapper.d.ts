/**
 * Types for the part of `fhir-validator-wrapper` 1.4 (plain CommonJS, no types shipped) that
 * src/official uses. Read from node_modules/fhir-validator-wrapper/fhir-validator.js.
 */
declare module 'fhir-validator-wrapper' {
  import type { ChildProcess } from 'node:child_process';

  interface WrapperLogger {
    info(message: string, meta?: unknown): void;
    warn(message: string, meta?: unknown): void;
    error(message: string, meta?: unknown): void;
  }

  interface WrapperValidateOptions {
    profiles?: string[];
    resourceIdRule?: string;
    anyExtensionsAllowed?: boolean;
    bpWarnings?: string;
    displayOption?: string;
  }

  class FhirValidator {
    constructor(validatorJarPath: string, logger?: WrapperLogger | null);
    validatorJarPath: string;
    process: ChildProcess | null;
    port: number | null;
    baseUrl: string | null;
    isReady: boolean;
    version: string | undefined;
    start(config: Record<string, unknown>): Promise<void>;
    ensureValidator(options?: Record<string, unknown>): Promise<unknown>;
    getLatestRelease(): Promise<unknown>;
    downloadFile(url: string, destPath: string): Promise<void>;
    waitForReady(timeout: number): Promise<void>;
    healthCheck(): Promise<void>;
    validate(resource: string | Buffer | object, options?: WrapperValidateOptions): Promise<unknown>;
    stop(): Promise<void>;
    cleanup(): void;
    isRunning(): boolean;
    jarVersion(): string | undefined;
    checkForVersion(cleanLine: string): void;
    log(level: 'info' | 'warn' | 'error', message: string, meta?: unknown): void;
  }

  export = FhirValidator;
}
