const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LENGTH = 24;

/** Matches the API's visitorId rule: 8 to 64 letters, digits, '_' or '-'. */
export function isVisitorId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9A-Za-z_-]{8,64}$/.test(value);
}

/**
 * Makes a 24-character id. Math.random is enough here because the id only
 * separates visitors in counts and protects nothing.
 */
export function createVisitorId(random: () => number = Math.random): string {
  let id = '';
  for (let index = 0; index < LENGTH; index += 1) {
    id += ALPHABET[Math.floor(random() * ALPHABET.length) % ALPHABET.length];
  }
  return id;
}
