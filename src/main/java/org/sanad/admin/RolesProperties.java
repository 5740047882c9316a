package org.sanad.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may do what in Telegram. A value that is not a list of numbers stops the start-up with a clear message.
 *
 * @param staffIds Telegram user ids allowed to broadcast ({@code BOT_STAFF_IDS}, comma-separated)
 * @param adminIds Telegram user ids allowed to reindex and see statistics ({@code BOT_ADMIN_IDS}); admins are staff
 */
@Validated
@ConfigurationProperties("sanad.roles")
public record RolesProperties(@DefaultValue List<@NotNull @Positive Long> staffIds,
        @DefaultValue List<@NotNull @Positive Long> adminIds) {
}
