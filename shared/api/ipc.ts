// Electron IPC channel names, shared by main and preload. One request channel and one event
// channel: the preload exposes nothing else (DESIGN.md §2).
export const IPC_CALL = 'concord:call';
export const IPC_EVENT = 'concord:event';
