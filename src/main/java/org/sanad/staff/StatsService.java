package org.sanad.staff;

import java.util.Map;
import org.sanad.audit.UsageCounters;
import org.sanad.audit.UsageCounters.Counter;
import org.sanad.broadcast.BroadcastStore;
import org.springframework.stereotype.Service;

/** The numbers an admin sees in /stats: subscribers and broadcasts, and what parents asked on every channel. */
@Service
public class StatsService {

    /** Every count at one moment; a counter never counted is zero. */
    public record Stats(BroadcastStore.Stats broadcasts, Map<Counter, Long> usage) {
    }

    private final BroadcastStore broadcasts;
    private final UsageCounters usage;
    private final StaffGate gate;

    StatsService(BroadcastStore broadcasts, UsageCounters usage, StaffGate gate) {
        this.broadcasts = broadcasts;
        this.usage = usage;
        this.gate = gate;
    }

    /** @throws NotPermittedException when the actor is not an admin */
    public Stats stats(Actor actor) {
        return gate.run(actor, StaffAction.STATS,
                () -> StaffGate.Audited.ok(new Stats(broadcasts.stats(), usage.totals()), ""));
    }
}
