package org.sanad.handoff;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When staff usually answer, as {@code CLINIC_HOURS} says it: days, then hours, e.g. {@code Sun-Thu 09:00-15:00}
 * (also {@code Sat,Mon,Wed 10:00-14:00} or {@code Sun-Tue,Thu 08:30-16:00}). Empty: no hours are known, and none
 * are mentioned.
 */
public record ClinicHours(Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {

    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    public static final ClinicHours UNKNOWN = new ClinicHours(Set.of(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    /** @throws IllegalArgumentException when the setting is neither empty nor of that form */
    public static ClinicHours parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return UNKNOWN;
        }
        String[] parts = setting.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("days, then hours");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String range : parts[0].split(",")) {
            String[] ends = range.split("-");
            if (ends.length > 2) {
                throw new IllegalArgumentException("a day range has two ends");
            }
            DayOfWeek first = day(ends[0]);
            DayOfWeek last = ends.length == 2 ? day(ends[1]) : first;
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        String[] hours = parts[1].split("-");
        if (hours.length != 2) {
            throw new IllegalArgumentException("hours are from-to");
        }
        try {
            LocalTime opens = LocalTime.parse(hours[0]);
            LocalTime closes = LocalTime.parse(hours[1]);
            if (!opens.isBefore(closes)) {
                throw new IllegalArgumentException("the clinic opens before it closes");
            }
            return new ClinicHours(Set.copyOf(days), opens, closes);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("hours as HH:mm", e);
        }
    }

    private static DayOfWeek day(String name) {
        int index = DAY_NAMES.indexOf(name.strip().toLowerCase(Locale.ROOT).substring(0, Math.min(3,
                name.strip().length())));
        if (index < 0 || name.strip().length() < 3) {
            throw new IllegalArgumentException("unknown day " + name);
        }
        return DayOfWeek.of(index + 1);
    }

    public boolean known() {
        return !days.isEmpty();
    }

    public boolean isOpen(ZonedDateTime at) {
        LocalTime time = at.toLocalTime();
        return days.contains(at.getDayOfWeek()) && !time.isBefore(opens) && time.isBefore(closes);
    }

    /** When staff will next be in, from {@code now} (itself, when they are in now); empty when the hours are unknown. */
    public Optional<ZonedDateTime> nextOpening(ZonedDateTime now) {
        if (!known()) {
            return Optional.empty();
        }
        if (isOpen(now)) {
            return Optional.of(now);
        }
        for (int ahead = 0; ahead <= 7; ahead++) {
            ZonedDateTime day = now.plusDays(ahead);
            ZonedDateTime opening = day.with(opens);
            if (days.contains(day.getDayOfWeek()) && opening.isAfter(now)) {
                return Optional.of(opening);
            }
        }
        return Optional.empty();
    }

    /** The days in week order starting on Saturday, as clinics in the region write them; for the parent's reply. */
    public List<DayOfWeek> daysInOrder() {
        return List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY).stream().filter(days::contains).toList();
    }
}
