// duplicates.*: list possible duplicates as clusters, scan the whole hub, merge a cluster or the
// whole high tier, and say "not the same person". Clusters are addressed by an id derived from
// their members, so a merge or dismissal of a list the user saw before a rescan changed it answers
// NOT_FOUND instead of acting on contacts the user never saw together.
// Invariant: nothing here merges or dismisses without an explicit call naming the cluster or the
// high tier, or the user's opt-in auto-merge setting; a decided linking suggestion releases the
// hold that kept its card out of the other accounts.
import { ConcordError } from '../../../shared/api/errors.ts';
import type { DuplicateClusterView } from '../../../shared/api/contract.ts';
import type { ContactSummary } from '../../../shared/model/contact.ts';
import { evidence as note } from '../../../shared/model/duplicate-reasons.ts';
import type { DuplicateEvidence } from '../../../shared/model/duplicate-reasons.ts';
import { inTransaction } from '../db/handle.ts';
import { getContact } from '../db/repos/contacts.ts';
import { dismissPair } from '../db/repos/dismissals.ts';
import { releaseContact } from '../db/repos/holds.ts';
import { contactsOfUndoneMerges, decideSuggestions, dismissSuggestionsBetween, hasOpenLinkSuggestion } from '../db/repos/suggestions.ts';
import { mergeContacts, mergeMany } from '../hub/merge.ts';
import { duplicateClusters, refreshDuplicates, scanDuplicates } from '../match/finder.ts';
import type { DuplicateCluster } from '../match/finder.ts';
import type { EngineContext } from './context.ts';
import type { DomainHandlers } from './handlers.ts';

function summary(ctx: EngineContext, id: string): ContactSummary {
  const row = getContact(ctx.db, id);
  return {
    id,
    displayName: row?.displayName ?? '',
    email: row?.fields.emails[0]?.value ?? null,
    phone: row?.fields.phones[0]?.value ?? null,
    organization: row?.fields.organizations[0]?.name || null,
  };
}

function view(ctx: EngineContext, c: DuplicateCluster): DuplicateClusterView {
  const pair = (p: DuplicateCluster['pairs'][number]) => ({ a: p.a, b: p.b, score: p.score, tier: p.tier, reasons: p.reasons, evidence: p.evidence });
  // The same reason from two links is shown once; evidence stays parallel to reasons (index i of
  // one is index i of the other), so a translation can fall back to the English at its position.
  const reasons: string[] = [];
  const evidence: DuplicateEvidence[] = [];
  for (const l of c.links) {
    l.reasons.forEach((text, i) => {
      if (reasons.includes(text)) return;
      reasons.push(text);
      evidence.push(l.evidence[i] ?? note('note', { text }));
    });
  }
  return {
    id: c.id,
    contactIds: c.contactIds,
    contacts: c.contactIds.map((id) => summary(ctx, id)),
    score: c.score,
    tier: c.tier,
    reasons,
    evidence,
    pairs: c.pairs.map(pair),
    origin: c.origin,
  };
}

function clusterById(ctx: EngineContext, id: string): DuplicateCluster {
  const cluster = duplicateClusters(ctx.db).find((c) => c.id === id);
  if (!cluster) throw new ConcordError('NOT_FOUND', 'That suggestion does not exist any more (the contacts changed, or it was decided); list the duplicates again.');
  return cluster;
}

/** Holds kept a linked card out of the other accounts until its suggestion was decided: release the decided ones. */
function releaseDecided(ctx: EngineContext, ids: readonly string[]): void {
  for (const id of ids) if (!hasOpenLinkSuggestion(ctx.db, id)) releaseContact(ctx.db, id);
}

/**
 * Bulk accept: every open high-tier cluster merged as ONE run (one history.undo takes them all
 * back), each into the survivor chooseSurvivor picks. Medium clusters are never merged here.
 */
export function mergeHighTier(ctx: EngineContext, keep: (c: DuplicateCluster) => boolean = () => true): { merged: number; run: number | null } {
  const clusters = duplicateClusters(ctx.db).filter((c) => c.tier === 'high' && keep(c));
  if (clusters.length === 0) return { merged: 0, run: null };
  const now = ctx.ports.clock.now();
  const { run, outcomes } = mergeMany(ctx.db, now, clusters.map((c) => ({ contactIds: c.contactIds })));
  // The survivors changed: their suggestions with contacts outside their clusters are re-scored.
  refreshDuplicates(ctx.db, outcomes.map((o) => o.survivorId), now);
  ctx.emit('contacts.changed', { ids: clusters.flatMap((c) => c.contactIds) });
  return { merged: outcomes.length, run };
}

/**
 * The opt-in auto-merge (settings.autoMergeHighConfidence, off by default): after a sync or a
 * scan, the high tier is merged as one undoable run, except contacts of a merge the user undid.
 * Called by duplicates.scan here and by sync.run in api/sync.ts after the runner returns (never
 * for a dry run, nor after the sync history.undo runs).
 */
export function autoMergeHighTier(ctx: EngineContext): { merged: number; run: number | null } {
  if (!ctx.settings().autoMergeHighConfidence) return { merged: 0, run: null };
  // A merge the user undid is theirs to decide: it stays a suggestion instead of being merged again.
  const undone = contactsOfUndoneMerges(ctx.db);
  const result = mergeHighTier(ctx, (c) => !c.contactIds.some((id) => undone.has(id)));
  if (result.run !== null) ctx.ports.logger.info('auto-merged high-confidence duplicates', result);
  return result;
}

export const duplicateHandlers: DomainHandlers<'duplicates.list' | 'duplicates.scan' | 'duplicates.merge' | 'duplicates.mergeTier' | 'duplicates.dismiss'> = {
  'duplicates.list': (p, ctx) => {
    const clusters = duplicateClusters(ctx.db).filter((c) => !p.tier || c.tier === p.tier);
    return { total: clusters.length, offset: p.offset, items: clusters.slice(p.offset, p.offset + p.limit).map((c) => view(ctx, c)) };
  },

  'duplicates.scan': (_p, ctx) => {
    const r = scanDuplicates(ctx.db, ctx.ports.clock.now());
    autoMergeHighTier(ctx);
    return { contacts: r.contacts, compared: r.compared, high: r.high, medium: r.medium, clusters: duplicateClusters(ctx.db).length, ms: Math.round(r.ms) };
  },

  'duplicates.merge': (p, ctx) => {
    const cluster = clusterById(ctx, p.id);
    const now = ctx.ports.clock.now();
    const outcome = mergeContacts(ctx.db, now, { contactIds: cluster.contactIds, ...(p.survivorId !== undefined && { survivorId: p.survivorId }), ...(p.choices && { choices: p.choices }) });
    // The survivor changed: its other suggestions (with contacts outside the cluster) are re-scored.
    refreshDuplicates(ctx.db, [outcome.survivorId], now);
    ctx.emit('contacts.changed', { ids: cluster.contactIds });
    return outcome;
  },

  'duplicates.mergeTier': (_p, ctx) => mergeHighTier(ctx),

  'duplicates.dismiss': (p, ctx) => {
    const cluster = clusterById(ctx, p.id);
    if (p.contactId !== undefined && !cluster.contactIds.includes(p.contactId)) throw new ConcordError('INVALID_PARAMS', 'That contact is not part of this suggestion.');
    const now = ctx.ports.clock.now();
    const dismissed = inTransaction(ctx.db, () => {
      const ids = cluster.contactIds;
      let n: number;
      if (p.contactId !== undefined) {
        // One card is someone else: it leaves the cluster, the others stay suggested together.
        const others = ids.filter((id) => id !== p.contactId);
        for (const other of others) dismissPair(ctx.db, p.contactId, other, now);
        n = others.length;
        dismissSuggestionsBetween(ctx.db, p.contactId, others, now);
      } else {
        for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) dismissPair(ctx.db, ids[i]!, ids[j]!, now);
        n = (ids.length * (ids.length - 1)) / 2;
        decideSuggestions(ctx.db, ids, 'dismissed', now);
      }
      releaseDecided(ctx, ids);
      return n;
    });
    return { dismissed };
  },
};
