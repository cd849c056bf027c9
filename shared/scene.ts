/**
 * The `scene` of a 小程序码 (mini-program code): what a printed code carries.
 *
 * WeChat allows at most 32 characters of [0-9A-Za-z!#$&'()*+,/:;=?@-._~] in a
 * scene, so a code carries a one-letter kind prefix and a short code that maps
 * to a row, like `s=JY01`. The mini-program receives the scene still
 * URL-encoded (`s%3DJY01`) on both weapp and H5, so it is decoded exactly once.
 */

export const SCENE_MAX_LENGTH = 32;
export const SCENE_ALLOWED = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/;

/** Kinds of printed codes, by the prefix letter in the scene. */
export const SCENE_KINDS = {
  s: 'shop',
  t: 'street',
  b: 'traceBatch',
  m: 'meeting',
} as const;

export type SceneKind = (typeof SCENE_KINDS)[keyof typeof SCENE_KINDS];
type ScenePrefix = keyof typeof SCENE_KINDS;

/** Short codes of shops, streets, batches and meetings. */
export const SHORT_CODE_PATTERN = /^[0-9A-Za-z]{2,24}$/;

export type DecodedScene =
  | { ok: true; kind: SceneKind; code: string }
  | { ok: false; reason: 'empty' | 'malformed' | 'unknown_kind' | 'bad_code'; raw: string };

/** Builds the scene for a kind and short code, throwing when the result breaks WeChat's rules. */
export function encodeScene(kind: SceneKind, code: string): string {
  const prefix = (Object.keys(SCENE_KINDS) as ScenePrefix[]).find((key) => SCENE_KINDS[key] === kind);
  if (!prefix) throw new Error(`Unknown scene kind "${kind}"`);
  if (!SHORT_CODE_PATTERN.test(code)) {
    throw new Error(`Short code "${code}" must be 2 to 24 letters or digits`);
  }

  const scene = `${prefix}=${code}`;
  assertValidScene(scene);
  return scene;
}

/** Throws when a scene is empty, longer than 32 characters or uses a character WeChat rejects. */
export function assertValidScene(scene: string): void {
  if (scene.length === 0 || scene.length > SCENE_MAX_LENGTH) {
    throw new Error(`Scene "${scene}" has ${scene.length} characters; WeChat allows 1 to ${SCENE_MAX_LENGTH}`);
  }
  if (!SCENE_ALLOWED.test(scene)) {
    throw new Error(`Scene "${scene}" contains a character outside WeChat's allowed set`);
  }
}

/**
 * Decodes a raw scene as the page receives it, encoded or plain.
 *
 * Never throws: a broken escape such as `%E4%` or an unknown prefix gives
 * `ok: false`, so the page can show its invalid-code screen.
 */
export function decodeScene(raw: string | undefined | null): DecodedScene {
  const input = (raw ?? '').trim();
  if (input === '') return { ok: false, reason: 'empty', raw: input };

  // '%' is outside WeChat's scene alphabet, so its presence means the value is
  // still URL-encoded. Decode once; a second pass could turn data into syntax.
  let scene = input;
  if (input.includes('%')) {
    try {
      scene = decodeURIComponent(input);
    } catch {
      return { ok: false, reason: 'malformed', raw: input };
    }
  }

  const match = /^([a-z])=(.*)$/.exec(scene);
  if (!match) return { ok: false, reason: 'malformed', raw: input };

  const prefix = match[1] as string;
  const code = match[2] as string;
  if (!(prefix in SCENE_KINDS)) return { ok: false, reason: 'unknown_kind', raw: input };
  if (!SHORT_CODE_PATTERN.test(code)) return { ok: false, reason: 'bad_code', raw: input };

  return { ok: true, kind: SCENE_KINDS[prefix as ScenePrefix], code };
}
