package org.sanad.handoff;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * Talking to the clinic.
 *
 * @param staffChatId   the staff's Telegram group ({@code STAFF_CHAT_ID}); unset: parents are told the clinic cannot
 *                      be reached here
 * @param clinicHours   when staff usually answer ({@code CLINIC_HOURS}, e.g. {@code Sun-Thu 09:00-15:00}); empty:
 *                      no hours are mentioned
 * @param timezone      the zone of the clinic hours ({@code CLINIC_TIMEZONE}); empty: the server's
 * @param inactivity    a conversation without messages for this long closes by itself, and the parent is told
 * @param sweepInterval how often Sanad looks for such conversations
 */
@Validated
@ConfigurationProperties("sanad.handoff")
public record HandoffProperties(
        Long staffChatId,
        @DefaultValue("") String clinicHours,
        @DefaultValue("") String timezone,
        @NotNull @DefaultValue("24h") @DurationUnit(ChronoUnit.SECONDS) Duration inactivity,
        @NotNull @DefaultValue("1m") @DurationUnit(ChronoUnit.SECONDS) Duration sweepInterval) {

    @AssertTrue(message = "CLINIC_HOURS must look like 'Sun-Thu 09:00-15:00' (days, then hours)")
    public boolean isClinicHoursReadable() {
        try {
            ClinicHours.parse(clinicHours);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @AssertTrue(message = "CLINIC_TIMEZONE must be a time zone such as Asia/Riyadh")
    public boolean isTimezoneKnown() {
        try {
            zone();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @AssertTrue(message = "sanad.handoff durations must be positive")
    public boolean isTimingPositive() {
        return inactivity != null && sweepInterval != null && !inactivity.isNegative() && !inactivity.isZero()
                && !sweepInterval.isNegative() && !sweepInterval.isZero();
    }

    /** The clinic's zone. */
    public ZoneId zone() {
        return timezone == null || timezone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(timezone.strip());
    }

    public ClinicHours hours() {
        return ClinicHours.parse(clinicHours);
    }
}
