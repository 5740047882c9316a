package org.sanad.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** CLINIC_HOURS: days, then hours, in CLINIC_TIMEZONE. */
class ClinicHoursTest {

    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    private final ClinicHours hours = ClinicHours.parse("Sun-Thu 09:00-15:00");

    @Test
    void readsDaysThenHours() {
        assertThat(hours.days()).containsExactlyInAnyOrder(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY);
        assertThat(ClinicHours.parse("Sat,Mon,Wed 10:00-14:00").daysInOrder())
                .containsExactly(DayOfWeek.SATURDAY, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
        assertThat(ClinicHours.parse("fri-sun 08:30-12:00").days()).hasSize(3);
        assertThat(ClinicHours.parse("").known()).isFalse();
    }

    @Test
    void refusesWhatItCannotRead() {
        for (String wrong : new String[] {"Sun-Thu", "9-5", "Sun-Thu 15:00-09:00", "Someday 09:00-15:00",
                "Sun-Thu 9am-3pm"}) {
            assertThatThrownBy(() -> ClinicHours.parse(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void isOpenInsideTheHoursOfAClinicDay() {
        assertThat(hours.isOpen(at("2026-12-07T10:00"))).isTrue(); // a Monday
        assertThat(hours.isOpen(at("2026-12-07T15:00"))).isFalse();
        assertThat(hours.isOpen(at("2026-12-11T10:00"))).isFalse(); // a Friday
    }

    @Test
    void saysWhenStaffWillNextBeIn() {
        assertThat(hours.nextOpening(at("2026-12-07T20:00"))).contains(at("2026-12-08T09:00"));
        assertThat(hours.nextOpening(at("2026-12-10T16:00"))).as("Thursday evening: Sunday")
                .contains(at("2026-12-13T09:00"));
        assertThat(hours.nextOpening(at("2026-12-08T07:00"))).contains(at("2026-12-08T09:00"));
        assertThat(ClinicHours.UNKNOWN.nextOpening(at("2026-12-08T07:00"))).isEmpty();
    }

    private static ZonedDateTime at(String local) {
        return java.time.LocalDateTime.parse(local).atZone(RIYADH);
    }
}
