export interface Stamp {
  path: string;
  /** -1: the file must not exist. */
  size: number;
  mtimeMs: number;
  /** sha256 of the content (project files and config files): compared instead of size and time. */
  hash?: string;
}

export interface Manifest {
  format: number;
  key: string;
  /** File name of the bundle in the cache folder, or null when bundling was declined. */
  bundle: string | null;
  reason?: string;
  files: Stamp[];
}

export type BundleResult = { url: URL } | { url?: undefined; reason: string };

export declare const FORMAT: number;
export declare const OWN_ROOT: string;
export declare function sha256(data: string | Uint8Array): string;
export declare function esbuildPackageVersion(): string;
export declare function bundleKey(parts: readonly string[]): string;
export declare function cacheDirs(): string[];
export declare function trusted(dir: string): boolean;
export declare function readManifest(path: string, key: string): Manifest | undefined;
export declare function upToDate(files: readonly Stamp[]): boolean;
export declare function cachedBundle(key: string): BundleResult | undefined;
