package org.sanad.checkin;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The check-ins after a recorded injection, and the clinic's quiet hours and time zone.
 *
 * @param schedule         when to check in after the injection ({@code CHECKIN_SCHEDULE}, ISO-8601 durations)
 * @param followupReminder when to remind the parent to book the follow-up ({@code FOLLOWUP_REMINDER})
 * @param quietHours       {@code HH:mm-HH:mm} in the clinic's zone when nothing proactive is sent ({@code QUIET_HOURS});
 *                         empty: never quiet
 * @param clinicTimezone   the clinic's zone ({@code CLINIC_TIMEZONE}); empty: the server's
 */
@Validated
@ConfigurationProperties("sanad.checkin")
public record CheckinProperties(
        @NotNull @DefaultValue("P1D,P3D,P7D,P14D") List<Duration> schedule,
        @NotNull @DefaultValue("P90D") Duration followupReminder,
        @DefaultValue("21:00-08:00") String quietHours,
        @DefaultValue("") String clinicTimezone) {

    private static final Pattern WINDOW = Pattern.compile("\\s*(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");

    /** The quiet hours as a start and an end (the end may be the next morning). */
    public record Window(LocalTime start, LocalTime end) {

        public boolean contains(LocalTime time) {
            return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
                    : !time.isBefore(start) || time.isBefore(end);
        }
    }

    public CheckinProperties {
        schedule = schedule == null ? List.of() : schedule.stream().sorted().toList();
        quietHours = quietHours == null ? "" : quietHours.trim();
        clinicTimezone = clinicTimezone == null ? "" : clinicTimezone.trim();
    }

    public Optional<Window> quietWindow() {
        if (quietHours.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = WINDOW.matcher(quietHours);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("QUIET_HOURS is written HH:mm-HH:mm, e.g. 21:00-08:00");
        }
        LocalTime start = LocalTime.parse(pad(matcher.group(1)));
        LocalTime end = LocalTime.parse(pad(matcher.group(2)));
        return start.equals(end) ? Optional.empty() : Optional.of(new Window(start, end));
    }

    public ZoneId zone() {
        return clinicTimezone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(clinicTimezone);
    }

    @AssertTrue(message = "QUIET_HOURS must be HH:mm-HH:mm (e.g. 21:00-08:00) or empty")
    public boolean isQuietHoursValid() {
        try {
            quietWindow();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @AssertTrue(message = "CLINIC_TIMEZONE must be a time zone such as Asia/Riyadh, or empty")
    public boolean isClinicTimezoneValid() {
        try {
            zone();
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    @AssertTrue(message = "CHECKIN_SCHEDULE and FOLLOWUP_REMINDER must be positive durations")
    public boolean isScheduleValid() {
        return followupReminder != null && !followupReminder.isNegative() && !followupReminder.isZero()
                && schedule.stream().allMatch(d -> d != null && !d.isNegative() && !d.isZero());
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }
}
