package org.sanad.staff;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may do what. A list of ids that is not numbers stops the start-up with a clear message.
 *
 * @param staffIds Telegram user ids allowed to broadcast ({@code BOT_STAFF_IDS}, comma-separated)
 * @param adminIds Telegram user ids allowed to reindex and see statistics ({@code BOT_ADMIN_IDS}); admins are staff
 * @param apiToken the bearer token of the admin HTTP API ({@code ADMIN_API_TOKEN}); blank: the API is off
 */
@Validated
@ConfigurationProperties("sanad.staff")
public record RolesProperties(@DefaultValue List<@NotNull @Positive Long> staffIds,
        @DefaultValue List<@NotNull @Positive Long> adminIds, @DefaultValue("") String apiToken) {

    /** Never prints the token: settings end up in logs and error reports. */
    @Override
    public String toString() {
        return "RolesProperties[staffIds=" + staffIds + ", adminIds=" + adminIds + ", apiToken="
                + (apiToken.isBlank() ? "" : "***") + "]";
    }
}
