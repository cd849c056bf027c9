import type { FieldErrors } from '@shared/errors';
import { shopUpdateInput, type ShopDetail } from '@shared/contracts/shops';
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
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : 'form';
    fields[path] ??= issue.message;
  }
  return fields;
}
