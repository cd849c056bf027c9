import { useCallback, useEffect, useRef, useState } from 'react';
import {
  fetchInbox,
  markAllMessagesRead,
  markMessageRead,
  type InboxMessage,
  type InboxPage,
} from '../../api/notifications';
import { getUnreadCount, setUnreadCount } from '../../notifications/unread';

/** State of the footer under the list while older pages load. */
export type MoreStatus = 'idle' | 'loading' | 'failed';

export type InboxState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; messages: InboxMessage[]; nextCursor: string | null; more: MoreStatus };

export interface InboxResult {
  state: InboxState;
  /** Loads the first page again. With `showLoading` false the shown list stays until the new one arrives. */
  reload: (showLoading: boolean) => Promise<void>;
  /** Loads the next, older page when there is one and no load is running. */
  loadMore: () => void;
  /**
   * Marks a message read at once and sends the change to the API. When the call fails
   * the message turns unread again, and the returned promise rejects.
   */
  markRead: (message: InboxMessage) => Promise<void>;
  /** Marks every message read on the API, then in the list. */
  markAllRead: () => Promise<void>;
}

function withReadFlag(messages: InboxMessage[], id: string, read: boolean): InboxMessage[] {
  return messages.map((message) => (message.id === id ? { ...message, read } : message));
}

/**
 * Pages through the inbox of `userId`, newest first. Every response carries
 * the unread count, which goes to the shared store for the 我的 tab badge.
 */
export function useInbox(userId: string): InboxResult {
  const [state, setState] = useState<InboxState>({ status: 'loading' });
  // Bumped by each first-page load, so an older page that arrives after a refresh is dropped.
  const generation = useRef(0);
  // Read by loadMore, which runs from the reach-bottom handler and needs the latest cursor.
  const stateRef = useRef(state);
  stateRef.current = state;

  /** Shows a first page, or with `append` adds an older page below the messages already shown. */
  const applyPage = useCallback((page: InboxPage, append: boolean) => {
    setUnreadCount(page.unreadCount);
    setState((latest) => {
      const previous = append && latest.status === 'ready' ? latest.messages : [];
      return { status: 'ready', messages: [...previous, ...page.messages], nextCursor: page.nextCursor, more: 'idle' };
    });
  }, []);

  const reload = useCallback(
    async (showLoading: boolean) => {
      const current = ++generation.current;
      if (showLoading) setState({ status: 'loading' });
      try {
        const page = await fetchInbox();
        if (current === generation.current) applyPage(page, false);
      } catch (error) {
        if (current !== generation.current) return;
        // A failed refresh keeps the list on screen; only a failed first load shows the error view.
        // The refresh dropped any older page still loading, so its footer goes back to 加载更多.
        setState((latest) =>
          latest.status === 'ready'
            ? { ...latest, more: latest.more === 'loading' ? 'idle' : latest.more }
            : { status: 'error', error },
        );
        throw error;
      }
    },
    [applyPage],
  );

  useEffect(() => {
    reload(true).catch((error: unknown) => console.warn('Loading the inbox failed', error));
  }, [userId, reload]);

  const loadMore = useCallback(() => {
    const snapshot = stateRef.current;
    if (snapshot.status !== 'ready' || !snapshot.nextCursor || snapshot.more === 'loading') return;

    const current = generation.current;
    setState({ ...snapshot, more: 'loading' });
    fetchInbox(snapshot.nextCursor)
      .then((page) => {
        if (current === generation.current) applyPage(page, true);
      })
      .catch((error: unknown) => {
        console.warn('Loading older inbox messages failed', error);
        if (current !== generation.current) return;
        setState((latest) => (latest.status === 'ready' ? { ...latest, more: 'failed' } : latest));
      });
  }, [applyPage]);

  const markRead = useCallback(async (message: InboxMessage) => {
    if (message.read) return;
    const setRead = (read: boolean) =>
      setState((latest) =>
        latest.status === 'ready' ? { ...latest, messages: withReadFlag(latest.messages, message.id, read) } : latest,
      );

    setRead(true);
    setUnreadCount(getUnreadCount() - 1);
    try {
      setUnreadCount(await markMessageRead(message.id));
    } catch (error) {
      setRead(false);
      setUnreadCount(getUnreadCount() + 1);
      throw error;
    }
  }, []);

  const markAllRead = useCallback(async () => {
    const count = await markAllMessagesRead();
    setUnreadCount(count);
    setState((latest) =>
      latest.status === 'ready'
        ? { ...latest, messages: latest.messages.map((message) => ({ ...message, read: true })) }
        : latest,
    );
  }, []);

  return { state, reload, loadMore, markRead, markAllRead };
}
