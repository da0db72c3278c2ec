/**
 * The review queue: load the ward's pending proposals (each beside the address as it is now),
 * approve one as sent or after editing it, reject it or block its proposer with a reason, and
 * lift a block. A decision someone else made first shows the proposal as it is now.
 */
import { approvalEdits, proposalPoint, reviewForm } from '../../common/changes.js';
import { anyFieldErrors, apiErrorMessage } from '../../common/messages.js';
import type { Message } from '../../i18n/console.js';
import type { EditField } from '../../common/changes.js';
import type { CodeLookup } from '../../common/types.js';
import { asApiError, type ConsoleDeps } from '../deps.js';
import type { Notice } from '../../common/notice.js';

export function createQueueController(
  deps: ConsoleDeps & {
    wardSeq(): number;
    current(seq: number): boolean;
    loadAddresses(): Promise<void>;
    refreshSoon(delay?: number): void;
  },
) {
  const { api, state, render, announce, say, map, current } = deps;

  async function load(seq = deps.wardSeq(), notice: Notice<Message> | null = null) {
    state.queue.loading = true;
    state.queue.notice = notice;
    render();
    try {
      const proposals = await api.queue(state.wardCode!);
      if (!current(seq)) return;
      const before = new Map(state.queue.items.map((i) => [i.proposal.id, i.current]));
      state.queue.items = proposals.map((proposal) => ({
        proposal,
        current: proposal.kind === 'new_place' ? null : before.get(proposal.id),
      }));
      state.queue.loading = false;
      state.queue.error = null;
      if (state.queue.open && !proposals.some((p) => p.id === state.queue.open!.id)) state.queue.open = null;
      render();
      // the address as it is now, beside each proposal
      await Promise.all(
        state.queue.items.map(async (item) => {
          if (item.proposal.kind === 'new_place' || !item.proposal.code) return;
          item.current = await api.lookup(item.proposal.code).catch((): CodeLookup | null => null);
        }),
      );
      if (current(seq)) render();
    } catch (error) {
      if (!current(seq)) return;
      state.queue.loading = false;
      state.queue.error = apiErrorMessage(asApiError(error));
      render();
    }
  }

  async function decide(id: string, run: () => Promise<unknown>, done: Message) {
    state.queue.busy = id;
    render();
    try {
      await run();
      state.queue.busy = null;
      state.queue.open = null;
      announce(say(done));
      await load(deps.wardSeq(), { tone: 'success', message: done });
      void deps.loadAddresses();
      deps.refreshSoon(0);
    } catch (error) {
      const e = asApiError(error);
      state.queue.busy = null;
      if (e.status === 409 || e.status === 404) {
        // decided by someone else, or the address changed meanwhile: show it as it is now
        const item = state.queue.items.find((i) => i.proposal.id === id);
        if (item) item.current = undefined;
        state.queue.open = null;
        await load(deps.wardSeq(), { tone: 'error', message: { key: 'queue.changed' } });
        return;
      }
      const fields = anyFieldErrors(e);
      const message = Object.values(fields)[0] ?? apiErrorMessage(e);
      if (state.queue.open?.id === id) state.queue.open.error = message;
      else state.queue.notice = { tone: 'error', message };
      render();
    }
  }

  const item = (id: string) => state.queue.items.find((i) => i.proposal.id === id) ?? null;

  return {
    load,
    reloadQueue: () => void load(),
    approve(id: string) {
      const it = item(id);
      if (!it) return;
      const version = it.current?.address?.version;
      void decide(id, () => api.approve(id, version ? { version } : {}), { key: 'queue.approved', vars: { id } });
    },
    openQueueForm(id: string, mode: 'edit' | 'reject' | 'block') {
      const it = item(id);
      if (!it) return;
      state.queue.open = { id, mode, form: reviewForm(it.proposal, it.current?.address ?? null), reason: '', error: null };
      render();
      const first = mode === 'edit' ? (it.proposal.kind === 'new_place' ? 'qf-category' : 'qf-placeName') : 'qf-reason';
      document.getElementById(first)?.focus();
    },
    /** lifts the block of a proposal's proposer */
    unblock(id: string) {
      const userId = item(id)?.proposal.proposer?.id;
      if (!userId || state.queue.busy) return;
      void decide(id, () => api.unblock(userId), { key: 'queue.unblockedDone', vars: { id: userId } });
    },
    setQueueField(field: EditField | 'reason', value: string) {
      const open = state.queue.open;
      if (!open) return;
      if (field === 'reason') open.reason = value;
      else open.form[field] = value;
      if (field === 'category') render();
    },
    closeQueueForm() {
      const id = state.queue.open?.id;
      state.queue.open = null;
      render();
      if (id) deps.shell.panel.querySelector<HTMLElement>(`.proposal[data-id="${id}"] .approve`)?.focus();
    },
    submitQueueForm() {
      const open = state.queue.open;
      const it = open ? item(open.id) : null;
      if (!open || !it || state.queue.busy) return;
      if (open.mode === 'edit') {
        const edits = approvalEdits(it.proposal, it.current?.address ?? null, open.form);
        const version = it.current?.address?.version;
        void decide(open.id, () => api.approve(open.id, { ...(version ? { version } : {}), edits }), {
          key: 'queue.approved',
          vars: { id: open.id },
        });
        return;
      }
      const reason = open.reason.trim();
      if (!reason) {
        open.error = { key: 'queue.needReason' };
        render();
        document.getElementById('qf-reason')?.focus();
        return;
      }
      if (open.mode === 'reject') void decide(open.id, () => api.reject(open.id, reason), { key: 'queue.rejected', vars: { id: open.id } });
      else if (it.proposal.proposer) {
        const userId = it.proposal.proposer.id;
        void decide(open.id, () => api.block(userId, reason), { key: 'queue.blockedDone', vars: { id: userId } });
      }
    },
    showProposal(id: string) {
      const it = item(id);
      const point = it ? proposalPoint(it.proposal, it.current?.address ?? null) : null;
      if (point) map()?.flyTo(point, 19);
      if (it?.current?.address) map()?.setSelected(it.current.address.code);
    },
  };
}
export type QueueController = ReturnType<typeof createQueueController>;
