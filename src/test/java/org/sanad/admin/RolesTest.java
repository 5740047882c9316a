package org.sanad.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Roles from BOT_STAFF_IDS and BOT_ADMIN_IDS, as the clinic writes them in the environment. */
class RolesTest {

    @Configuration
    @EnableConfigurationProperties(RolesProperties.class)
    @Import(Roles.class)
    static class RolesOnly {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(RolesOnly.class);

    @Test
    void adminsAreStaffTooAndEveryoneElseIsAParent() {
        context.withPropertyValues("sanad.roles.staff-ids=101, 102", "sanad.roles.admin-ids=201").run(ctx -> {
            Roles roles = ctx.getBean(Roles.class);
            assertThat(roles.isStaff(101)).isTrue();
            assertThat(roles.isAdmin(101)).isFalse();
            assertThat(roles.isStaff(201)).isTrue();
            assertThat(roles.isAdmin(201)).isTrue();
            assertThat(roles.isStaff(999)).isFalse();
            assertThat(roles.isAdmin(999)).isFalse();
        });
    }

    @Test
    void noIdsMeansNoStaff() {
        context.withPropertyValues("sanad.roles.staff-ids=", "sanad.roles.admin-ids=").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(Roles.class).isStaff(0)).isFalse();
        });
    }

    @Test
    void anIdThatIsNotANumberStopsTheStartUp() {
        context.withPropertyValues("sanad.roles.staff-ids=101,@nurse").run(ctx ->
                assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("sanad.roles.staff-ids"));
    }

    @Test
    void aNegativeIdStopsTheStartUp() {
        context.withPropertyValues("sanad.roles.admin-ids=-5").run(ctx ->
                assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("adminIds"));
    }
}
