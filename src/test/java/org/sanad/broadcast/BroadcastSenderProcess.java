package org.sanad.broadcast;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.sanad.outbox.ChatSender;
import org.sanad.outbox.Outbox;
import org.sanad.outbox.OutboxProperties;
import org.sanad.outbox.OutboxSender;
import org.sanad.outbox.QuietHours;
import org.sanad.telegram.TestTelegram;
import org.sanad.testing.TestDatabases;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One outbox sender in a JVM of its own, so that {@link BroadcastBenchmark} can kill it with SIGKILL mid-broadcast
 * exactly as a crash would. Arguments: JDBC URL, database user, Bot API URL, token, rate, in-doubt policy, in-flight
 * lease in seconds. Runs until killed.
 */
public final class BroadcastSenderProcess {

    private BroadcastSenderProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        String jdbcUrl = args[0];
        String user = args[1];
        String api = args[2];
        String token = args[3];
        double rate = Double.parseDouble(args[4]);
        OutboxProperties.InDoubt inDoubt = OutboxProperties.InDoubt.valueOf(args[5]);
        Duration lease = Duration.ofSeconds(Long.parseLong(args[6]));

        HikariDataSource dataSource = TestDatabases.pool(jdbcUrl, user, 12);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        OutboxProperties properties = new OutboxProperties(rate, inDoubt, lease, 5, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 8, Duration.ofMillis(200));
        Subscribers subscribers = new Subscribers(JdbcClient.create(dataSource));
        ChatSender chats = TestTelegram.chatSender(api, token, subscribers);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        OutboxSender[] sender = new OutboxSender[1];
        Outbox outbox = new Outbox(jdbc, transactions, () -> sender[0].wake(), Clock.systemUTC());
        sender[0] = new OutboxSender(dataSource, transactions, properties, () -> chats, Clock.systemUTC(),
                List.of(new BroadcastProgress(jdbc, messages, outbox, subscribers, properties)), QuietHours.NEVER);
        sender[0].start();
        System.out.println("sender ready");
        Thread.currentThread().join();
    }
}
