package org.sanad.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanad.outbox.OutboxProperties;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * SANAD_BROADCAST_* settings are checked at start-up: a rate Telegram would punish never gets as far as a broadcast.
 */
class OutboxPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(OutboxProperties.class)
    static class PropertiesOnly {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsAre25PerSecondAndSkippingMessagesInDoubt() {
        context.run(ctx -> {
            OutboxProperties properties = ctx.getBean(OutboxProperties.class);
            assertThat(properties.rate()).isEqualTo(25);
            assertThat(properties.inDoubt()).isEqualTo(OutboxProperties.InDoubt.SKIP);
            assertThat(properties.spacing().toMillis()).isEqualTo(40);
        });
    }

    @Test
    void comesFromSanadBroadcastEnvironmentVariablesWithSecondsWhenNoUnitIsWritten() {
        context.withInitializer(app -> app.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of("SANAD_BROADCAST_RATE", "12",
                        "SANAD_BROADCAST_INDOUBT", "resend", "SANAD_BROADCAST_INFLIGHTLEASE", "90",
                        "SANAD_BROADCAST_PROGRESSINTERVAL", "2m", "SANAD_BROADCAST_MAXATTEMPTS", "3"))))
                .run(ctx -> {
                    OutboxProperties properties = ctx.getBean(OutboxProperties.class);
                    assertThat(properties.rate()).isEqualTo(12);
                    assertThat(properties.inDoubt()).isEqualTo(OutboxProperties.InDoubt.RESEND);
                    assertThat(properties.inFlightLease()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(properties.progressInterval()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(properties.maxAttempts()).isEqualTo(3);
                });
    }

    @Test
    void aRateAboveTelegramsThirtyStopsTheStartUp() {
        context.withPropertyValues("sanad.broadcast.rate=31").run(ctx ->
                assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("rate"));
    }

    @Test
    void theInDoubtSettingIsWrittenInLowerCase() {
        context.withPropertyValues("sanad.broadcast.in-doubt=resend").run(ctx ->
                assertThat(ctx.getBean(OutboxProperties.class).inDoubt()).isEqualTo(OutboxProperties.InDoubt.RESEND));
    }

    @Test
    void anUnknownInDoubtSettingStopsTheStartUp() {
        context.withPropertyValues("sanad.broadcast.in-doubt=maybe").run(ctx -> assertThat(ctx).hasFailed());
    }
}
