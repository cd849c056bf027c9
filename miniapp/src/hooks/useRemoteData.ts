import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';

export type RemoteData<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ready'; data: T; error: undefined }
  | { status: 'error'; data: T | undefined; error: unknown };

export interface RemoteDataResult<T> {
  state: RemoteData<T>;
  /** Loads again, keeping the shown data until the new data arrives. */
  reload: () => Promise<void>;
  /** Replaces the data after a save, without a request. */
  setData: (data: T) => void;
}

/**
 * Loads data when `key` changes and on pull-to-refresh (for pages whose config
 * sets enablePullDownRefresh). Responses to an older key are dropped, so a
 * slow first request cannot overwrite a newer one.
 */
export function useRemoteData<T>(key: string | null, load: () => Promise<T>): RemoteDataResult<T> {
  const [state, setState] = useState<RemoteData<T>>({ status: 'loading', data: undefined, error: undefined });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const run = useCallback(async (showLoading: boolean) => {
    const current = ++generation.current;
    if (showLoading) setState({ status: 'loading', data: undefined, error: undefined });
    try {
      const data = await loadRef.current();
      if (current === generation.current) setState({ status: 'ready', data, error: undefined });
    } catch (error) {
      if (current === generation.current) {
        setState((previous) => ({ status: 'error', data: previous.data, error }));
      }
    }
  }, []);

  useEffect(() => {
    if (key !== null) void run(true);
  }, [key, run]);

  usePullDownRefresh(() => {
    if (key === null) {
      Taro.stopPullDownRefresh();
      return;
    }
    void run(false).finally(() => Taro.stopPullDownRefresh());
  });

  const reload = useCallback(() => run(false), [run]);
  const setData = useCallback((data: T) => setState({ status: 'ready', data, error: undefined }), []);

  return { state, reload, setData };
}
