package org.sanad.outbox;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox is paced and what happens to messages whose fate is unknown. Set as {@code SANAD_BROADCAST_<NAME>}
 * (e.g. {@code SANAD_BROADCAST_RATE}): the names are those of the broadcasts this sending was built for, kept so that
 * no clinic's settings change meaning; a duration without a unit is in seconds.
 *
 * @param rate             messages per second over all chats; Telegram allows about 30, the default leaves room for
 *                         replies to parents. Shared by every instance on one database.
 * @param inDoubt          what to do with a message that was handed to Telegram by a sender that then died (or timed
 *                         out) before it heard the answer: {@code skip} (default: nobody gets it twice; since the
 *                         request leaves within a millisecond of being marked and the answer takes a round trip, such
 *                         a message has almost always reached the parent already) or {@code resend} (nobody misses
 *                         it; most of those parents then get it twice)
 * @param inFlightLease    how long a message may be with Telegram before other senders call it in doubt; longer than
 *                         the Bot API request timeout, so a live sender has always heard back by then
 * @param maxAttempts      tries per message on errors and timeouts before it counts as failed (429 does not count)
 * @param retryBackoff     the first wait before a retry; it doubles each time, up to a minute
 * @param progressInterval how often the staff member who sent the broadcast hears how far it got
 * @param concurrency      messages that may be on their way to Telegram at once from one instance
 * @param poll             how often an idle sender looks for work started by another instance
 */
@Validated
@ConfigurationProperties("sanad.broadcast")
public record OutboxProperties(
        @DefaultValue("25") @DecimalMin("0.1") @DecimalMax("30") double rate,
        @NotNull @DefaultValue("skip") InDoubt inDoubt,
        @NotNull @DefaultValue("60s") @DurationUnit(ChronoUnit.SECONDS) Duration inFlightLease,
        @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
        @NotNull @DefaultValue("1s") @DurationUnit(ChronoUnit.SECONDS) Duration retryBackoff,
        @NotNull @DefaultValue("30s") @DurationUnit(ChronoUnit.SECONDS) Duration progressInterval,
        @DefaultValue("8") @Min(1) @Max(64) int concurrency,
        @NotNull @DefaultValue("1s") @DurationUnit(ChronoUnit.SECONDS) Duration poll) {

    public enum InDoubt { SKIP, RESEND }

    @AssertTrue(message = "sanad.broadcast durations must be positive")
    public boolean isTimingPositive() {
        return positive(inFlightLease) && positive(retryBackoff) && positive(progressInterval) && positive(poll);
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    /** The time between two messages under the global rate. */
    public Duration spacing() {
        return Duration.ofNanos(Math.round(1_000_000_000d / rate));
    }
}
