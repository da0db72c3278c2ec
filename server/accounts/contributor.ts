/**
 * How staff see a person: a pseudonymous record (docs/moderation.md, "Who may see what"). Staff
 * judge a contributor by what they did, never by who they are, so no e-mail or phone number is
 * ever part of it; only the person themself (/v1/me) and administrators see contact data.
 */
import { z } from 'zod';

export const Contributor = z.object({
  id: z.string().describe('the account number (the same as `by` in address histories)'),
  since: z.string().describe('the day the account was created (YYYY-MM-DD): how long it has been around'),
  proposals: z.object({
    approved: z.number().int().describe('proposals of theirs approved by someone else'),
    rejected: z.number().int(),
    pending: z.number().int(),
  }),
  blocked: z.boolean(),
});
export type Contributor = z.infer<typeof Contributor>;

export type ContributorRow = {
  id: string | number;
  created_at: Date | string;
  approved: number;
  rejected: number;
  pending: number;
  blocked: boolean;
};

export const presentContributor = (r: ContributorRow): Contributor => ({
  id: String(r.id),
  since: new Date(r.created_at).toISOString().slice(0, 10),
  proposals: { approved: Number(r.approved), rejected: Number(r.rejected), pending: Number(r.pending) },
  blocked: r.blocked,
});
