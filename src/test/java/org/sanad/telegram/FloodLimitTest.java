package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FloodLimitTest {

    private final AtomicLong now = new AtomicLong();
    private final FloodLimit limit = new FloodLimit(3, Duration.ofSeconds(60), now::get);

    @Test
    void warnsOnceBeyondTheLimitThenIgnoresUntilTheWindowHasRoom() {
        assertThat(limit.check(1)).isEqualTo(FloodLimit.Verdict.ALLOW);
        assertThat(limit.check(1)).isEqualTo(FloodLimit.Verdict.ALLOW);
        assertThat(limit.check(1)).isEqualTo(FloodLimit.Verdict.ALLOW);
        assertThat(limit.check(1)).isEqualTo(FloodLimit.Verdict.WARN);
        assertThat(limit.check(1)).isEqualTo(FloodLimit.Verdict.IGNORE);
        assertThat(limit.check(2)).as("another chat").isEqualTo(FloodLimit.Verdict.ALLOW);

        now.addAndGet(TimeUnit.SECONDS.toNanos(61));

        assertThat(limit.check(1)).isEqualTo(FloodLimit.Verdict.ALLOW);
    }
}
