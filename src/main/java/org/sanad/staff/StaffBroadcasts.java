package org.sanad.staff;

import org.sanad.broadcast.BroadcastStore;
import org.sanad.broadcast.BroadcastStore.InvalidTextException;
import org.sanad.broadcast.BroadcastStore.Outcome;
import org.springframework.stereotype.Service;

/** A staff member's broadcast: a draft to preview, then "send" or "cancel". Nothing goes out before "send". */
@Service
public class StaffBroadcasts {

    /** The longest text a broadcast may have. */
    public static final int MAX_TEXT_LENGTH = BroadcastStore.MAX_TEXT_LENGTH;

    /**
     * A draft, or why there is none.
     *
     * @param status     {@code DRAFTED}, or what is wrong with the text
     * @param id         the draft's number (for its "send" and "cancel" buttons); 0 when not drafted
     * @param recipients the active subscribers it would reach now
     */
    public record Drafted(Status status, long id, long recipients) {

        public enum Status { DRAFTED, EMPTY, TOO_LONG }
    }

    private final BroadcastStore broadcasts;
    private final StaffGate gate;

    StaffBroadcasts(BroadcastStore broadcasts, StaffGate gate) {
        this.broadcasts = broadcasts;
        this.gate = gate;
    }

    /** @throws NotPermittedException when the actor is not staff */
    public Drafted draft(Actor actor, long staffChatId, String text) {
        return gate.run(actor, StaffAction.BROADCAST_DRAFT, () -> {
            try {
                BroadcastStore.Draft draft = broadcasts.draft(actor.telegramUserId(), staffChatId, text);
                return StaffGate.Audited.ok(new Drafted(Drafted.Status.DRAFTED, draft.id(), draft.recipients()),
                        "broadcast " + draft.id() + ", " + text.length() + " characters, " + draft.recipients()
                                + " active subscribers");
            } catch (InvalidTextException e) {
                boolean empty = e.reason() == InvalidTextException.Reason.EMPTY;
                return new StaffGate.Audited<>(new Drafted(empty ? Drafted.Status.EMPTY : Drafted.Status.TOO_LONG, 0, 0),
                        empty ? "empty" : "too-long", (text == null ? 0 : text.length()) + " characters");
            }
        });
    }

    /** Starts sending the actor's own draft; a second tap does not send it twice. */
    public Outcome send(Actor actor, long broadcastId) {
        return gate.run(actor, StaffAction.BROADCAST_SEND, () -> {
            Outcome outcome = broadcasts.send(broadcastId, actor.telegramUserId());
            return new StaffGate.Audited<>(outcome, outcome.name().toLowerCase(), "broadcast " + broadcastId
                    + (outcome == Outcome.STARTED ? ", " + broadcasts.recipients(broadcastId) + " recipients" : ""));
        });
    }

    /** «أعد الإرسال لهم»: the actor's own broadcast again to the parents in doubt. */
    public BroadcastStore.Resend resendInDoubt(Actor actor, long broadcastId) {
        return gate.run(actor, StaffAction.BROADCAST_RESEND, () -> {
            BroadcastStore.Resend resend = broadcasts.resendInDoubt(broadcastId, actor.telegramUserId());
            return new StaffGate.Audited<>(resend, resend.outcome().name().toLowerCase(), "broadcast " + broadcastId
                    + ", " + resend.messages() + " in doubt sent again");
        });
    }

    /** Cancels the actor's own draft, or stops it while it is sending. */
    public Outcome cancel(Actor actor, long broadcastId) {
        return gate.run(actor, StaffAction.BROADCAST_CANCEL, () -> {
            Outcome outcome = broadcasts.cancel(broadcastId, actor.telegramUserId());
            return new StaffGate.Audited<>(outcome, outcome.name().toLowerCase(), "broadcast " + broadcastId);
        });
    }
}
