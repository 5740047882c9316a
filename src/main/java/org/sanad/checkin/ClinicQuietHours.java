package org.sanad.checkin;

import java.time.Instant;
import java.util.Optional;
import org.sanad.outbox.QuietHours;
import org.springframework.stereotype.Component;

/** {@code QUIET_HOURS} in {@code CLINIC_TIMEZONE}, for the outbox: check-ins and reminders wait for the morning. */
@Component
class ClinicQuietHours implements QuietHours {

    private final Optional<CheckinProperties.Window> window;
    private final java.time.ZoneId zone;

    ClinicQuietHours(CheckinProperties properties) {
        this.window = properties.quietWindow();
        this.zone = properties.zone();
    }

    @Override
    public boolean isQuiet(Instant now) {
        return window.isPresent() && window.get().contains(now.atZone(zone).toLocalTime());
    }
}
