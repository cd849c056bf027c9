import Taro from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { Button, Cell, SearchBar } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import type { UserListItem } from '@shared/domain/auth';
import type { ShopSummary } from '@shared/domain/shops';
import { searchUsers } from '../../../api/auth';
import { errorMessage } from '../../../api/errors';
import { bindShopOwner, fetchShopOwners, fetchStreet, unbindShopOwner } from '../../../api/shops';
import { LoginRequired } from '../../../components/LoginRequired';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../../components/StateViews';
import { DEFAULT_STREET_CODE } from '../../../config';
import { useRemoteData } from '../../../hooks/useRemoteData';
import { isCountyAdmin } from '../../../session/roles';
import type { StoredSession } from '../../../session/stored';
import { sortByPosition } from '../../../street/layout';
import './index.css';

type SearchState =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; query: string; users: UserListItem[] }
  | { status: 'failed'; error: unknown };

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' });
}

function ShopOwners({ shop }: { shop: ShopSummary }) {
  const owners = useRemoteData(shop.id, () => fetchShopOwners(shop.id));
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<SearchState>({ status: 'idle' });
  const [busyUserId, setBusyUserId] = useState<string | null>(null);
  const ownerIds = new Set((owners.state.data ?? []).map((owner) => owner.id));

  const runSearch = async () => {
    setSearch({ status: 'searching' });
    try {
      setSearch({ status: 'done', query: query.trim(), users: await searchUsers(query) });
    } catch (error) {
      setSearch({ status: 'failed', error });
    }
  };

  const changeOwner = async (user: UserListItem, action: 'bind' | 'unbind') => {
    const binding = action === 'bind';
    const { confirm } = await Taro.showModal({
      title: binding ? '绑定店主' : '解除绑定',
      content: binding
        ? `确定将“${user.nickname}”绑定为“${shop.name}”的店主吗？绑定后对方可以编辑店铺资料。`
        : `确定解除“${user.nickname}”与“${shop.name}”的绑定吗？解除后对方将无法编辑这家店铺。`,
      confirmText: binding ? '绑定' : '解除',
      confirmColor: '#c8322a',
    });
    if (!confirm) return;

    setBusyUserId(user.id);
    try {
      owners.setData(binding ? await bindShopOwner(shop.id, user.id) : await unbindShopOwner(shop.id, user.id));
      void Taro.showToast({ title: binding ? '已绑定' : '已解除', icon: 'success' });
    } catch (error) {
      toast(errorMessage(error));
    } finally {
      setBusyUserId(null);
    }
  };

  return (
    <View>
      <Text className="section-title">“{shop.name}”的店主</Text>
      <View className="card admin-owners__list">
        {owners.state.status === 'loading' && <LoadingSkeleton rows={2} withImage={false} />}
        {owners.state.status === 'error' && <ErrorState error={owners.state.error} onRetry={owners.reload} />}
        {owners.state.status === 'ready' && owners.state.data.length === 0 && (
          <Text className="muted admin-owners__empty">这家店铺还没有店主，可在下方搜索用户后绑定。</Text>
        )}
        {owners.state.data?.map((owner) => (
          <Cell
            key={owner.id}
            title={owner.nickname}
            description={owner.isDemo ? '演示账号' : undefined}
            extra={
              <Button
                size="small"
                type="danger"
                fill="outline"
                loading={busyUserId === owner.id}
                disabled={busyUserId !== null}
                onClick={() => void changeOwner(owner, 'unbind')}
              >
                解绑
              </Button>
            }
          />
        ))}
      </View>

      <Text className="section-title">搜索用户</Text>
      <SearchBar
        className="admin-owners__searchbar"
        value={query}
        placeholder="输入昵称搜索"
        maxLength={30}
        onChange={(value) => setQuery(value)}
        onSearch={() => void runSearch()}
        right={
          <Text className="admin-owners__search" onClick={() => void runSearch()}>
            搜索
          </Text>
        }
      />
      <View className="card admin-owners__list">
        {search.status === 'idle' && (
          <Text className="muted admin-owners__empty">用户需要先在小程序中登录一次，才能被搜索到。</Text>
        )}
        {search.status === 'searching' && <LoadingSkeleton rows={2} withImage={false} />}
        {search.status === 'failed' && (
          <ErrorState title="搜索失败" error={search.error} onRetry={() => void runSearch()} />
        )}
        {search.status === 'done' && search.users.length === 0 && (
          <Text className="muted admin-owners__empty">
            {search.query ? `没有找到“${search.query}”` : '没有找到用户'}
          </Text>
        )}
        {search.status === 'done' &&
          search.users.map((user) => (
            <Cell
              key={user.id}
              title={user.nickname}
              description={user.isDemo ? '演示账号' : `注册于 ${user.createdAt.slice(0, 10)}`}
              extra={
                ownerIds.has(user.id) ? (
                  <Text className="muted">已是店主</Text>
                ) : (
                  <Button
                    size="small"
                    type="primary"
                    loading={busyUserId === user.id}
                    disabled={busyUserId !== null}
                    onClick={() => void changeOwner(user, 'bind')}
                  >
                    绑定
                  </Button>
                )
              }
            />
          ))}
      </View>
    </View>
  );
}

function OwnerAdmin({ session }: { session: StoredSession }) {
  const street = useRemoteData(DEFAULT_STREET_CODE, () => fetchStreet(DEFAULT_STREET_CODE));
  const [selected, setSelected] = useState<ShopSummary | null>(null);

  if (!isCountyAdmin(session.user)) {
    return <EmptyState title="没有权限" description="只有大数据中心管理员可以管理店主。" />;
  }
  if (street.state.status === 'loading') return <LoadingSkeleton rows={4} withImage={false} />;
  if (!street.state.data) return <ErrorState error={street.state.error} onRetry={street.reload} />;

  const shops = sortByPosition(street.state.data.shops);

  return (
    <View>
      <Text className="section-title">选择{street.state.data.name}的店铺</Text>
      {shops.length === 0 ? (
        <EmptyState title="这条街还没有店铺" />
      ) : (
        <ScrollView className="admin-owners__shops" scrollX>
          {shops.map((shop) => (
            <View
              key={shop.id}
              className={`admin-owners__shop ${selected?.id === shop.id ? 'admin-owners__shop--active' : ''}`}
              onClick={() => setSelected(shop)}
            >
              {shop.position}. {shop.name}
            </View>
          ))}
        </ScrollView>
      )}
      {selected ? (
        <ShopOwners key={selected.id} shop={selected} />
      ) : (
        <Text className="muted admin-owners__empty">请先选择一家店铺。</Text>
      )}
    </View>
  );
}

export default function AdminOwnersPage() {
  return (
    <View className="page">
      <LoginRequired>{(session) => <OwnerAdmin session={session} />}</LoginRequired>
    </View>
  );
}
