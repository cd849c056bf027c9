/** The image formats the photo upload API accepts. */
const FORMAT_HINT = '请选择 JPG、PNG 或 WebP 格式的图片';

/**
 * Returns the message for picked files that could not be read as images and
 * were skipped, or null when every file was read. `readableCount` is the
 * number of photos still to upload from the same pick.
 */
export function unreadablePhotosMessage(readableCount: number, unreadableCount: number): string | null {
  if (unreadableCount <= 0) return null;
  if (readableCount > 0) return `有 ${unreadableCount} 张无法读取，已跳过。${FORMAT_HINT}`;
  if (unreadableCount === 1) return `无法读取这张照片，${FORMAT_HINT}`;
  return `无法读取所选的 ${unreadableCount} 张照片，${FORMAT_HINT}`;
}
