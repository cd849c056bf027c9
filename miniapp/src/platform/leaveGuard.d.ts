// Type surface of leaveGuard.weapp.ts and leaveGuard.h5.ts: a confirm before leaving a page with unsaved edits.

/** Turns the confirm on with `message`, or off with null. */
export declare function setLeaveGuard(message: string | null): void;
