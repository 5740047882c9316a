package org.sanad.storage;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * How replicas sharing one database keep track of each other. Set as {@code SANAD_STORAGE_<NAME>}; a duration without
 * a unit is in seconds.
 *
 * @param heartbeat         how often a replica says it is alive
 * @param presumedDeadAfter how long after its last heartbeat a replica counts as dead, and its unfinished work
 *                          (Telegram updates it was answering) goes to the others; several heartbeats, so that a
 *                          pause (garbage collection, a slow database) is not taken for a death
 * @param syncInterval      how often a replica looks for what another one changed for all (a reindex)
 */
@Validated
@ConfigurationProperties("sanad.storage")
public record StorageProperties(
        @NotNull @DefaultValue("2s") @DurationUnit(ChronoUnit.SECONDS) Duration heartbeat,
        @NotNull @DefaultValue("15s") @DurationUnit(ChronoUnit.SECONDS) Duration presumedDeadAfter,
        @NotNull @DefaultValue("2s") @DurationUnit(ChronoUnit.SECONDS) Duration syncInterval) {

    @AssertTrue(message = "sanad.storage: the heartbeat and sync interval must be positive, and a replica may be "
            + "presumed dead only after at least two heartbeats (SANAD_STORAGE_PRESUMEDDEADAFTER >= 2 x "
            + "SANAD_STORAGE_HEARTBEAT)")
    public boolean isTimingSound() {
        return heartbeat != null && presumedDeadAfter != null && syncInterval != null
                && heartbeat.toMillis() > 0 && syncInterval.toMillis() > 0
                && presumedDeadAfter.compareTo(heartbeat.multipliedBy(2)) >= 0;
    }
}
