/**
 * One storage adapter for uploaded and generated files: Vercel Blob in
 * production, a local folder in development and tests.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { config } from '../config';

export interface StoredFile {
  key: string;
  url: string;
}

export interface FileStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<StoredFile>;
  delete(key: string): Promise<void>;
}

/** Keys are our own, built from ids; this guards against a bug that would let one escape the folder. */
function assertSafeKey(key: string): void {
  if (!/^[0-9A-Za-z][0-9A-Za-z._/-]*$/.test(key) || key.includes('..')) {
    throw new Error(`Storage key "${key}" must be letters, digits, '.', '_', '-' and '/' without '..'`);
  }
}

export function createLocalStorage(dir: string, publicBaseUrl: string): FileStorage {
  const root = path.resolve(dir);
  return {
    async put(key, bytes) {
      assertSafeKey(key);
      const file = path.join(root, key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes);
      return { key, url: `${publicBaseUrl.replace(/\/$/, '')}/files/${key}` };
    },
    async delete(key) {
      assertSafeKey(key);
      await rm(path.join(root, key), { force: true });
    },
  };
}

export function createBlobStorage(token: string): FileStorage {
  return {
    async put(key, bytes, contentType) {
      assertSafeKey(key);
      const { put } = await import('@vercel/blob');
      const blob = await put(key, bytes, {
        access: 'public',
        contentType,
        token,
        addRandomSuffix: false,
        allowOverwrite: true,
      });
      return { key, url: blob.url };
    },
    async delete(key) {
      assertSafeKey(key);
      const { del } = await import('@vercel/blob');
      await del(key, { token });
    },
  };
}

let storage: FileStorage | undefined;

export function getStorage(): FileStorage {
  if (!storage) {
    const settings = config().storage;
    storage =
      settings.kind === 'blob'
        ? createBlobStorage(settings.token)
        : createLocalStorage(settings.dir, settings.publicBaseUrl);
  }
  return storage;
}

/** Root folder of local storage, for the dev server's static file route. */
export function localStorageDir(): string | undefined {
  const settings = config().storage;
  return settings.kind === 'local' ? path.resolve(settings.dir) : undefined;
}

export function resetStorageForTests(): void {
  storage = undefined;
}
