import type { FieldErrors } from '@shared/errors';
import { shopUpdateInput, type ShopDetail } from '@shared/contracts/shops';
import { FORM_ERROR_KEY } from '../../api/errors';
import type { ShopChanges } from '../../api/shops';
import { sameOrder } from './photoOrder';

/** The owner's edits: the text fields and the photo order. */
export interface ShopDraft {
  intro: string;
  openingHours: string;
  phone: string;
  photoOrder: string[];
}

export function draftFromShop(shop: ShopDetail): ShopDraft {
  return {
    intro: shop.intro,
    openingHours: shop.openingHours,
    phone: shop.phone,
    photoOrder: shop.photos.map((photo) => photo.id),
  };
}

/**
 * Lists only the fields that differ from the loaded shop, with the loaded
 * `updatedAt` as the concurrency token. Returns null when nothing changed.
 * Text is compared trimmed, as the API trims it.
 */
export function buildShopChanges(shop: ShopDetail, draft: ShopDraft): ShopChanges | null {
  const changes: ShopChanges = { expectedUpdatedAt: shop.updatedAt };
  let changed = false;

  if (draft.intro.trim() !== shop.intro.trim()) {
    changes.intro = draft.intro.trim();
    changed = true;
  }
  if (draft.openingHours.trim() !== shop.openingHours.trim()) {
    changes.openingHours = draft.openingHours.trim();
    changed = true;
  }
  if (draft.phone.trim() !== shop.phone.trim()) {
    changes.phone = draft.phone.trim();
    changed = true;
  }
  const serverOrder = shop.photos.map((photo) => photo.id);
  if (!sameOrder(draft.photoOrder, serverOrder)) {
    changes.photoOrder = [...draft.photoOrder];
    changed = true;
  }

  return changed ? changes : null;
}

/** Checks whether the draft contains edits that leaving the page would lose. */
export function hasUnsavedChanges(shop: ShopDetail | undefined, draft: ShopDraft | null): boolean {
  return shop !== undefined && draft !== null && buildShopChanges(shop, draft) !== null;
}

/**
 * Checks the changes with the API's own schema, so the phone shows the same
 * Chinese messages before sending. Keys are field paths, as in API errors.
 */
export function validateShopChanges(changes: ShopChanges): FieldErrors {
  const result = shopUpdateInput.safeParse(changes);
  if (result.success) return {};

  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : FORM_ERROR_KEY;
    fields[path] ??= issue.message;
  }
  return fields;
}

/** Fields of the edit form that show their own message under the input. */
const SHOP_FORM_FIELDS = ['intro', 'openingHours', 'phone', 'photoOrder'] as const;

export type ShopFormField = (typeof SHOP_FORM_FIELDS)[number];

/** Messages the edit form shows: one per field, and one for the form as a whole under FORM_ERROR_KEY. */
export type ShopFormErrors = Partial<Record<ShopFormField | typeof FORM_ERROR_KEY, string>>;

function isShopFormField(key: string): key is ShopFormField {
  return (SHOP_FORM_FIELDS as readonly string[]).includes(key);
}

/**
 * Places field errors from the API or validateShopChanges on the edit form.
 * A nested path such as `photoOrder.2` goes to its top-level field. A key
 * with no field on the form, such as `expectedUpdatedAt`, becomes the
 * form-level message unless the errors contain one under FORM_ERROR_KEY.
 */
export function placeFieldErrors(fields: FieldErrors): ShopFormErrors {
  const placed: ShopFormErrors = {};
  const formMessage = fields[FORM_ERROR_KEY];
  if (formMessage !== undefined) placed[FORM_ERROR_KEY] = formMessage;

  for (const [path, message] of Object.entries(fields)) {
    const field = path.split('.')[0] ?? '';
    const slot = isShopFormField(field) ? field : FORM_ERROR_KEY;
    placed[slot] ??= message;
  }
  return placed;
}
