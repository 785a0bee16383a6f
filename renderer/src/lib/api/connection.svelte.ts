// The state of the link to main, as the "connection lost" banner shows it. In Electron the link is IPC
// and is always open; in web mode the WebSocket transport reports here.
export type LinkState = 'connecting' | 'open' | 'reconnecting';

export class Connection {
  state = $state<LinkState>('connecting');
  /** Failed attempts since the link was last open. */
  attempts = $state(0);
  /** When the next attempt starts (ms since epoch), while reconnecting. */
  retryAt = $state<number | null>(null);
  /** Bumped every time the link opens again after a loss: stores refetch what they may have missed. */
  reopened = $state(0);
  /** Asks the transport to try again now; set by the transport that supports it. */
  retryNow: (() => void) | null = null;
}
