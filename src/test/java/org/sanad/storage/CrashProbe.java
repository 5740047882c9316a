package org.sanad.storage;

import org.sanad.SanadApplication;
import org.sanad.audit.AuditLog;
import org.sanad.broadcast.Subscribers;
import org.sanad.staff.Actor;
import org.sanad.staff.Roles;
import org.sanad.staff.StaffBroadcasts;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sanad in a JVM of its own, confirming changes as fast as it can until {@link CrashDurabilityTest} kills it with
 * SIGKILL: each {@code CONFIRMED} line it prints is a change Sanad's code has returned from, i.e. one it would have
 * confirmed to a parent or a staff member; a {@code BEGIN} line announces a forget, which may land unconfirmed. Arguments: the first chat id to use, the mode ({@code confirm}: subscribe, forget, audit and start
 * broadcasts in a loop; {@code seed<n>}: subscribe n chats and stop; {@code broadcast}: start one broadcast to every
 * subscriber, then only send; {@code resume}: only send, and say when no broadcast is sending), then Spring arguments.
 */
public final class CrashProbe {

    static final long STAFF = 501;

    private CrashProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        long base = Long.parseLong(args[0]);
        String mode = args[1];
        String[] spring = java.util.Arrays.copyOfRange(args, 2, args.length);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SanadApplication.class)
                .web(WebApplicationType.NONE).run(spring);
        Subscribers subscribers = context.getBean(Subscribers.class);
        AuditLog audit = context.getBean(AuditLog.class);
        StaffBroadcasts broadcasts = context.getBean(StaffBroadcasts.class);
        Actor staff = context.getBean(Roles.class).telegramUser(STAFF);
        say("ready");
        if (mode.startsWith("seed")) {
            int count = Integer.parseInt(mode.substring("seed".length()));
            for (long chat = base; chat < base + count; chat++) {
                subscribers.subscribe(chat);
            }
            say("seeded");
            context.close();
            System.exit(0);
        }
        if (mode.equals("resume")) {
            var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
            while (jdbc.sql("SELECT COUNT(*) FROM broadcast WHERE status = 'SENDING'").query(Long.class).single() > 0) {
                Thread.sleep(100);
            }
            say("finished");
        }
        if (mode.equals("broadcast")) {
            long id = broadcasts.draft(staff, STAFF, "تذكير من العيادة " + base).id();
            broadcasts.send(staff, id);
            say("started " + id);
        }
        if (!mode.equals("confirm")) {
            Thread.currentThread().join();
        }
        for (long i = 0; ; i++) {
            long chat = base + i;
            subscribers.subscribe(chat);
            say("subscribed " + chat);
            if (i % 3 == 2) {
                begin("forget " + (chat - 1));
                subscribers.forget(chat - 1);
                say("forgot " + (chat - 1));
            }
            audit.record("probe", "probe", "ok", String.valueOf(chat));
            say("audited " + chat);
            if (i % 25 == 0) {
                long id = broadcasts.draft(staff, STAFF, "probe " + chat).id();
                broadcasts.send(staff, id);
                say("started " + id);
            }
        }
    }

    /** A change about to start: SIGKILL may land after it committed but before it was confirmed. */
    private static void begin(String line) {
        System.out.println("BEGIN " + line);
        System.out.flush();
    }

    private static void say(String line) {
        System.out.println("CONFIRMED " + line);
        System.out.flush();
    }
}
