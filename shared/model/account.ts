// Accounts as the UI sees them. Secrets never appear here: they live behind the SecretStore port.

/** folder: a local folder of .vcf files (backups, scripts, the sample-data demo); memory: tests only. */
export const accountKinds = ['google', 'icloud', 'carddav', 'folder', 'memory'] as const;
export type AccountKind = (typeof accountKinds)[number];

/** two-way: read and write; pull: never written by Concord; push: Concord writes, never reads changes. */
export const syncDirections = ['two-way', 'pull', 'push'] as const;
export type SyncDirection = (typeof syncDirections)[number];

/** What happens when the same field changed differently in the hub and in this account (DESIGN.md §4.2). */
export const conflictPolicies = ['ask', 'newest', 'priority'] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

/**
 * How a CardDAV address book holds contact groups (DAVx5 lets users choose the same way):
 * categories: a CATEGORIES line on each contact card; group-cards: separate group cards
 * (iCloud's X-ADDRESSBOOKSERVER-KIND:group + MEMBER urn:uuid, or vCard 4 KIND:group).
 */
export const groupsModes = ['categories', 'group-cards'] as const;
export type GroupsMode = (typeof groupsModes)[number];

/** group-cards for iCloud (its apps know no other way), categories for other CardDAV servers. */
export function defaultGroupsMode(kind: AccountKind): GroupsMode {
  return kind === 'icloud' ? 'group-cards' : 'categories';
}

export const accountStatuses = ['idle', 'syncing', 'error', 'auth-required', 'paused'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

export interface AccountSettings {
  direction: SyncDirection;
  /** ISO 3166 region used to read phone numbers written without a country code. */
  defaultRegion: string | null;
  /** CardDAV server or discovery URL; a file: URL for a folder account; null for Google. */
  url: string | null;
  username: string | null;
  /** ask (default): keep both and let the user choose; newest: the later edit wins; priority: the higher-priority account wins. */
  conflictPolicy: ConflictPolicy;
  /** For the priority policy: higher wins. */
  priority: number;
  /** CardDAV and iCloud: where groups live (see groupsModes); other kinds ignore it. */
  groupsMode: GroupsMode;
}

export interface Account {
  id: string;
  kind: AccountKind;
  name: string;
  enabled: boolean;
  settings: AccountSettings;
  status: AccountStatus;
  lastError: string | null;
  lastSyncedAt: string | null;
  createdAt: string;
}
