package org.sanad.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Roles from BOT_STAFF_IDS, BOT_ADMIN_IDS and ADMIN_API_TOKEN, as the clinic writes them in the environment. */
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
        context.withPropertyValues("sanad.staff.staff-ids=101, 102", "sanad.staff.admin-ids=201").run(ctx -> {
            Roles roles = ctx.getBean(Roles.class);
            assertThat(roles.of(101)).isEqualTo(Role.STAFF);
            assertThat(roles.of(201)).isEqualTo(Role.ADMIN);
            assertThat(roles.of(201).includes(Role.STAFF)).isTrue();
            assertThat(roles.of(101).includes(Role.ADMIN)).isFalse();
            assertThat(roles.of(999)).isEqualTo(Role.EVERYONE);
            assertThat(roles.members()).containsOnlyKeys(101L, 102L, 201L);
        });
    }

    @Test
    void aTelegramUserIsNamedByTheirIdInTheAuditLog() {
        context.withPropertyValues("sanad.staff.admin-ids=201").run(ctx ->
                assertThat(ctx.getBean(Roles.class).telegramUser(201))
                        .isEqualTo(new Actor("telegram:201", Role.ADMIN, 201)));
    }

    @Test
    void anHttpCallerIsAnAdminOnlyWithTheExactBearerToken() {
        context.withPropertyValues("sanad.staff.api-token=s3cret").run(ctx -> {
            Roles roles = ctx.getBean(Roles.class);
            assertThat(roles.apiEnabled()).isTrue();
            assertThat(roles.apiCaller("Bearer s3cret").role()).isEqualTo(Role.ADMIN);
            for (String wrong : new String[] {null, "", "s3cret", "Bearer s3cre", "Bearer s3cretx", "Basic s3cret"}) {
                assertThat(roles.apiCaller(wrong).role()).as(String.valueOf(wrong)).isEqualTo(Role.EVERYONE);
            }
            assertThat(roles.apiCaller("Bearer s3cret").name()).isEqualTo("http");
        });
    }

    @Test
    void withoutATokenTheApiIsOffAndNobodyIsAnAdminOverHttp() {
        context.run(ctx -> {
            Roles roles = ctx.getBean(Roles.class);
            assertThat(roles.apiEnabled()).isFalse();
            assertThat(roles.apiCaller("Bearer ").role()).isEqualTo(Role.EVERYONE);
        });
    }

    @Test
    void noIdsMeansNoStaff() {
        context.withPropertyValues("sanad.staff.staff-ids=", "sanad.staff.admin-ids=").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(Roles.class).of(0)).isEqualTo(Role.EVERYONE);
        });
    }

    @Test
    void anIdThatIsNotANumberStopsTheStartUp() {
        context.withPropertyValues("sanad.staff.staff-ids=101,@nurse").run(ctx ->
                assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("sanad.staff.staff-ids"));
    }

    @Test
    void aNegativeIdStopsTheStartUp() {
        context.withPropertyValues("sanad.staff.admin-ids=-5").run(ctx ->
                assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("adminIds"));
    }

    @Test
    void neverPrintsTheToken() {
        assertThat(new RolesProperties(java.util.List.of(), java.util.List.of(), "s3cret").toString())
                .doesNotContain("s3cret");
    }
}
