import { Image, Text, View } from '@tarojs/components';
import { Button, Progress } from '@nutui/nutui-react-taro';
import { MAX_SHOP_PHOTOS, type ShopPhoto } from '@shared/domain/shops';
import { absoluteUrl } from '../../../api';

export interface UploadProgress {
  /** Position of this photo in the current batch, from 1. */
  index: number;
  total: number;
  percent: number;
}

interface PhotoManagerProps {
  photos: ShopPhoto[];
  order: string[];
  upload: UploadProgress | null;
  busy: boolean;
  onAdd: () => void;
  onDelete: (photo: ShopPhoto) => void;
  onMoveUp: (index: number) => void;
  onMoveDown: (index: number) => void;
  onMakeCover: (index: number) => void;
}

/** Lists the shop's photos with buttons to reorder, set the cover and delete, and shows upload progress. */
export function PhotoManager(props: PhotoManagerProps) {
  const { photos, order, upload, busy } = props;
  const byId = new Map(photos.map((photo) => [photo.id, photo]));
  const ordered = order.map((id) => byId.get(id)).filter((photo): photo is ShopPhoto => photo !== undefined);
  const remaining = MAX_SHOP_PHOTOS - photos.length;

  return (
    <View className="card photo-manager">
      <View className="photo-manager__header">
        <Text className="edit-page__label">
          店铺照片（{photos.length}/{MAX_SHOP_PHOTOS}）
        </Text>
        <Button size="small" type="primary" disabled={busy || remaining <= 0} onClick={props.onAdd}>
          添加照片
        </Button>
      </View>
      <Text className="muted photo-manager__hint">
        {remaining <= 0 ? '照片已达上限，删除后才能继续添加。' : '第一张是封面。照片会在手机上压缩后上传。'}
      </Text>

      {upload && (
        <View className="photo-manager__progress">
          <Text className="muted">
            正在上传第 {upload.index}/{upload.total} 张… {upload.percent}%
          </Text>
          <Progress percent={upload.percent} />
        </View>
      )}

      {ordered.length === 0 && !upload && <Text className="muted">还没有照片，添加几张让游客先看看吧。</Text>}

      {ordered.map((photo, index) => (
        <View key={photo.id} className="photo-manager__row">
          <Image className="photo-manager__thumb" src={absoluteUrl(photo.url)} mode="aspectFill" />
          <View className="photo-manager__meta">
            {index === 0 ? (
              <Text className="photo-manager__cover">封面</Text>
            ) : (
              <Text className="muted">第 {index + 1} 张</Text>
            )}
            <View className="photo-manager__buttons">
              <Button size="mini" disabled={busy || index === 0} onClick={() => props.onMoveUp(index)}>
                上移
              </Button>
              <Button
                size="mini"
                disabled={busy || index === ordered.length - 1}
                onClick={() => props.onMoveDown(index)}
              >
                下移
              </Button>
              {index > 0 && (
                <Button size="mini" disabled={busy} onClick={() => props.onMakeCover(index)}>
                  设为封面
                </Button>
              )}
              <Button size="mini" type="danger" fill="outline" disabled={busy} onClick={() => props.onDelete(photo)}>
                删除
              </Button>
            </View>
          </View>
        </View>
      ))}
    </View>
  );
}
