/**
 * When a contributor's edits may be published without review (docs/moderation.md). Pure.
 *
 * A contributor is trusted once at least TRUST_MIN_APPROVED of their proposals were approved and
 * at least TRUST_MIN_RATE of all their decided proposals were approved. Trust covers changes of
 * details, place name and category of an existing address; moving an entrance point, claiming
 * an address and adding a new place always wait for staff.
 */
export const TRUST_MIN_APPROVED = 5;
export const TRUST_MIN_RATE = 0.9;

export function isTrusted(record: { approved: number; rejected: number }): boolean {
  const decided = record.approved + record.rejected;
  return record.approved >= TRUST_MIN_APPROVED && decided > 0 && record.approved / decided >= TRUST_MIN_RATE;
}

export function trustCovers(change: { point?: unknown; claim?: boolean }): boolean {
  return change.point === undefined && !change.claim;
}
