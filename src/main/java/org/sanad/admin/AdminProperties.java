package org.sanad.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiToken the bearer token of the admin HTTP API ({@code ADMIN_API_TOKEN}); blank: the API is off
 */
@ConfigurationProperties("sanad.admin")
public record AdminProperties(@DefaultValue("") String apiToken) {

    public boolean apiEnabled() {
        return !apiToken.isBlank();
    }
}
