import Taro, { useDidHide, useUnload } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { useEffect, useState } from 'react';
import { MAX_PHOTO_BYTES, MAX_SHOP_PHOTOS, type ShopDetail, type ShopPhoto } from '@shared/domain/shops';
import { errorMessage, FORM_ERROR_KEY, isApiError } from '../../../api/errors';
import { uploadShopPhoto } from '../../../api/shopPhotos';
import { deleteShopPhoto, fetchShop, updateShop } from '../../../api/shops';
import { ErrorState, LoadingSkeleton } from '../../../components/StateViews';
import { useRemoteData } from '../../../hooks/useRemoteData';
import { setLeaveGuard } from '../../../platform/leaveGuard';
import { chooseCompressedPhotos, releaseLocalPhoto, type LocalPhoto } from '../../../platform/photo';
import { PrivacyPopup } from '../../../platform/privacy';
import {
  buildShopChanges,
  draftFromShop,
  hasUnsavedChanges,
  placeFieldErrors,
  validateShopChanges,
  type ShopDraft,
  type ShopFormErrors,
} from '../../lib/editForm';
import { unreadablePhotosMessage } from '../../lib/photoChoice';
import { makeCover, moveDown, moveUp, reconcileOrder } from '../../lib/photoOrder';
import { PhotoManager, type UploadProgress } from './PhotoManager';
import { OwnerShopGate } from '../../components/OwnerShopGate';
import './index.css';

const MAX_PHOTO_MEGABYTES = MAX_PHOTO_BYTES / 1024 / 1024;

/** Result of uploading one photo of a batch; stopBatch means the rest would fail the same way. */
type UploadOutcome = 'uploaded' | 'skipped' | 'stopBatch';

function toast(title: string, duration = 2500) {
  void Taro.showToast({ title, icon: 'none', duration });
}

/** Class of an Input: NutUI's Input has no error status, so the page styles it like TextArea's. */
function inputClass(error: string | undefined): string | undefined {
  return error ? 'edit-page__input--error' : undefined;
}

function ShopEditor({ shopId }: { shopId: string }) {
  const { state, reload, setData } = useRemoteData<ShopDetail>(shopId, () => fetchShop(shopId));
  const shop = state.data;
  const [draft, setDraft] = useState<ShopDraft | null>(null);
  const [fieldErrors, setFieldErrors] = useState<ShopFormErrors>({});
  const [saving, setSaving] = useState(false);
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const [photoBusy, setPhotoBusy] = useState(false);

  // The draft is made from the loaded shop on first load, and again after
  // reloadDiscardingDraft sets it back to null.
  useEffect(() => {
    if (state.data && draft === null) setDraft(draftFromShop(state.data));
  }, [state, draft]);

  const dirty = hasUnsavedChanges(shop, draft);
  useEffect(() => {
    setLeaveGuard(dirty ? '您有未保存的修改，离开后修改将丢失。确定离开吗？' : null);
  }, [dirty]);
  useDidHide(() => setLeaveGuard(null));
  useUnload(() => setLeaveGuard(null));

  const updateField = (field: 'intro' | 'openingHours' | 'phone', value: string) => {
    setDraft((current) => (current ? { ...current, [field]: value } : current));
    // A form-level message such as "nothing to save" is stale after any edit.
    setFieldErrors(({ [field]: _cleared, [FORM_ERROR_KEY]: _formCleared, ...rest }) => rest);
  };

  /** Takes a shop returned by a photo call, keeping the text edits and the local photo order. */
  const acceptServerShop = (next: ShopDetail) => {
    setData(next);
    setDraft((current) =>
      current
        ? {
            ...current,
            photoOrder: reconcileOrder(
              current.photoOrder,
              next.photos.map((photo) => photo.id),
            ),
          }
        : current,
    );
  };

  const reloadDiscardingDraft = async () => {
    await reload();
    setDraft(null);
    setFieldErrors({});
  };

  const handleSaveError = async (error: unknown) => {
    if (isApiError(error, 'CONFLICT')) {
      const { confirm } = await Taro.showModal({
        title: '资料已被他人修改',
        content: '在您编辑期间，其他店主或管理员保存了这家店铺的资料。重新加载会显示最新内容，您未保存的修改将丢失。',
        confirmText: '重新加载',
        cancelText: '暂不',
      });
      if (confirm) await reloadDiscardingDraft();
      return;
    }
    if (isApiError(error) && Object.keys(error.fields).length > 0) {
      setFieldErrors(placeFieldErrors(error.fields));
    }
    toast(errorMessage(error));
  };

  const save = async () => {
    if (!shop || !draft) return;
    const changes = buildShopChanges(shop, draft);
    if (!changes) {
      toast('没有需要保存的修改');
      return;
    }

    const problems = validateShopChanges(changes);
    if (Object.keys(problems).length > 0) {
      setFieldErrors(placeFieldErrors(problems));
      toast('请按提示修改后再保存');
      return;
    }

    setSaving(true);
    try {
      const saved = await updateShop(shop.id, changes);
      setData(saved);
      setDraft(draftFromShop(saved));
      setFieldErrors({});
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (error) {
      await handleSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  const uploadOne = async (photo: LocalPhoto, index: number, total: number): Promise<UploadOutcome> => {
    if (photo.size > MAX_PHOTO_BYTES) {
      toast(`第 ${index} 张照片压缩后仍超过 ${MAX_PHOTO_MEGABYTES} MB，已跳过`);
      return 'skipped';
    }
    setUpload({ index, total, percent: 0 });
    try {
      const result = await uploadShopPhoto(shopId, photo, (percent) => setUpload({ index, total, percent }));
      acceptServerShop(result.shop);
      return 'uploaded';
    } catch (error) {
      toast(`第 ${index} 张上传失败：${errorMessage(error)}`);
      // After a limit or permission error the rest of the batch would fail the same way.
      const stop = isApiError(error, 'PHOTO_LIMIT_REACHED') || isApiError(error, 'FORBIDDEN');
      return stop ? 'stopBatch' : 'skipped';
    } finally {
      releaseLocalPhoto(photo);
    }
  };

  const addPhotos = async () => {
    if (!shop) return;
    let photos: LocalPhoto[];
    let skippedMessage: string | null;
    try {
      const choice = await chooseCompressedPhotos(Math.max(0, MAX_SHOP_PHOTOS - shop.photos.length));
      photos = choice.photos;
      skippedMessage = unreadablePhotosMessage(photos.length, choice.unreadableCount);
    } catch (error) {
      toast(error instanceof Error ? error.message : errorMessage(error));
      return;
    }
    if (skippedMessage) toast(skippedMessage, 3500);
    if (photos.length === 0) return;

    setPhotoBusy(true);
    let allUploaded = true;
    for (const [position, photo] of photos.entries()) {
      const outcome = await uploadOne(photo, position + 1, photos.length);
      if (outcome !== 'uploaded') allUploaded = false;
      if (outcome === 'stopBatch') {
        photos.slice(position + 1).forEach(releaseLocalPhoto);
        break;
      }
    }
    setUpload(null);
    setPhotoBusy(false);

    // A final toast would hide the last failure message, so only a batch without failures gets one.
    // After skipped files it repeats their message, because 照片已上传 would suggest every file went up.
    if (!allUploaded) return;
    if (skippedMessage) toast(skippedMessage, 3500);
    else void Taro.showToast({ title: '照片已上传', icon: 'success' });
  };

  const removePhoto = async (photo: ShopPhoto) => {
    const { confirm } = await Taro.showModal({
      title: '删除照片',
      content: '删除后游客将看不到这张照片，且无法恢复。确定删除吗？',
      confirmText: '删除',
      confirmColor: '#c8322a',
    });
    if (!confirm) return;

    setPhotoBusy(true);
    try {
      acceptServerShop(await deleteShopPhoto(shopId, photo.id));
      void Taro.showToast({ title: '已删除', icon: 'success' });
    } catch (error) {
      toast(errorMessage(error));
    } finally {
      setPhotoBusy(false);
    }
  };

  const reorder = (change: (order: string[]) => string[]) => {
    setDraft((current) => (current ? { ...current, photoOrder: change(current.photoOrder) } : current));
  };

  if (state.status === 'loading' || (shop && !draft)) return <LoadingSkeleton rows={4} withImage={false} />;
  if (!shop || !draft) {
    return <ErrorState error={state.error} onRetry={() => void reloadDiscardingDraft()} />;
  }

  return (
    <View className="edit-page">
      <Text className="section-title">{shop.name}</Text>

      <View className="card">
        <Text className="edit-page__label">店铺介绍</Text>
        <TextArea
          value={draft.intro}
          onChange={(value) => updateField('intro', value)}
          className="edit-page__intro"
          maxLength={500}
          showCount
          autoSize
          placeholder="介绍店铺的特色、招牌商品或服务"
          status={fieldErrors.intro ? 'error' : 'default'}
        />
        {fieldErrors.intro && <Text className="field-error">{fieldErrors.intro}</Text>}

        <Text className="edit-page__label">营业时间</Text>
        <Input
          value={draft.openingHours}
          onChange={(value) => updateField('openingHours', value)}
          maxLength={60}
          placeholder="例如：每天 09:00-21:00"
          clearable
          className={inputClass(fieldErrors.openingHours)}
        />
        {fieldErrors.openingHours && <Text className="field-error">{fieldErrors.openingHours}</Text>}

        <Text className="edit-page__label">联系电话</Text>
        <Input
          type="tel"
          value={draft.phone}
          onChange={(value) => updateField('phone', value)}
          maxLength={20}
          placeholder="手机号或带区号的固定电话"
          clearable
          className={inputClass(fieldErrors.phone)}
        />
        {fieldErrors.phone && <Text className="field-error">{fieldErrors.phone}</Text>}
      </View>

      <PhotoManager
        photos={shop.photos}
        order={draft.photoOrder}
        upload={upload}
        busy={photoBusy || saving}
        onAdd={() => void addPhotos()}
        onDelete={(photo) => void removePhoto(photo)}
        onMoveUp={(index) => reorder((order) => moveUp(order, index))}
        onMoveDown={(index) => reorder((order) => moveDown(order, index))}
        onMakeCover={(index) => reorder((order) => makeCover(order, index))}
      />
      {fieldErrors.photoOrder && <Text className="field-error edit-page__form-error">{fieldErrors.photoOrder}</Text>}
      {fieldErrors.form && <Text className="field-error edit-page__form-error">{fieldErrors.form}</Text>}

      <View className="edit-page__footer">
        <Text className="muted">{dirty ? '有未保存的修改' : '所有修改已保存'}</Text>
        <Button type="primary" loading={saving} disabled={!dirty || saving || photoBusy} onClick={() => void save()}>
          保存
        </Button>
      </View>

      <PrivacyPopup />
    </View>
  );
}

export default function OwnerEditPage() {
  return (
    <View className="page">
      <OwnerShopGate>{(shopId) => <ShopEditor shopId={shopId} />}</OwnerShopGate>
    </View>
  );
}
