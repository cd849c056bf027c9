let handler: ((event: BeforeUnloadEvent) => void) | null = null;

/**
 * Browsers ask before a reload or closing the tab; their own text replaces `message`.
 * NOTE: a back navigation inside the hash router is not intercepted.
 */
export function setLeaveGuard(message: string | null): void {
  if (message && !handler) {
    handler = (event) => {
      event.preventDefault();
      event.returnValue = message;
    };
    window.addEventListener('beforeunload', handler);
  } else if (!message && handler) {
    window.removeEventListener('beforeunload', handler);
    handler = null;
  }
}
