/**
 * Small real image files for upload tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A real PNG: one of the seeded placeholder photos. */
export function samplePng(): Buffer {
  return readFileSync(path.join(__dirname, '..', '..', 'functions', '_lib', 'seed', 'photos', 'food.png'));
}

/** The first bytes of a JPEG followed by filler: enough for type sniffing. */
export function sampleJpeg(size = 2048): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00], 0);
  return bytes;
}

export function photoForm(bytes: Buffer, fileName = 'photo.png', type = 'image/png', field = 'photo'): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), fileName);
  return form;
}
