// Times cross the contract as ISO 8601 strings (JSON has no dates); the database keeps epoch ms.
export const iso = (ms: number): string => new Date(ms).toISOString();
