package org.sanad.outbox;

import java.util.Optional;

/** What an outbox row is, for its default priority, the log and /stats. Stored by name. */
public enum OutboxKind {
    /** A danger alert to the clinic's staff chat. */
    ALERT(Priority.ALERT),
    /** A message relayed between a parent and the staff (handoff). */
    RELAY(Priority.CONVERSATION),
    /** A broadcast's progress or final report to the staff member who sent it. */
    REPORT(Priority.CONVERSATION),
    /** A check-in after a recorded injection. */
    CHECKIN(Priority.SCHEDULED),
    /** The reminder to book the follow-up. */
    REMINDER(Priority.SCHEDULED),
    /** One parent's copy of a staff broadcast. */
    BROADCAST(Priority.BULK);

    private final Priority priority;

    OutboxKind(Priority priority) {
        this.priority = priority;
    }

    public Priority defaultPriority() {
        return priority;
    }

    /** A kind a later version wrote is not this version's business. */
    static Optional<OutboxKind> parse(String name) {
        try {
            return Optional.of(valueOf(name));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Which row goes first when several are due: the lowest {@link #rank()}. */
    public enum Priority {
        ALERT(0), CONVERSATION(10), SCHEDULED(20), BULK(30);

        private final int rank;

        Priority(int rank) {
            this.rank = rank;
        }

        public int rank() {
            return rank;
        }
    }
}
