package org.sanad.broadcast;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import org.sanad.telegram.TestTelegram;
import org.sanad.testing.TestDatabases;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One broadcast sender in a JVM of its own, so that {@link BroadcastBenchmark} can kill it with SIGKILL mid-broadcast
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
        BroadcastProperties.InDoubt inDoubt = BroadcastProperties.InDoubt.valueOf(args[5]);
        Duration lease = Duration.ofSeconds(Long.parseLong(args[6]));

        HikariDataSource dataSource = TestDatabases.pool(jdbcUrl, user, 12);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        BroadcastProperties properties = new BroadcastProperties(rate, inDoubt, lease, 5, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 8, Duration.ofMillis(200));
        Subscribers subscribers = new Subscribers(JdbcClient.create(dataSource));
        ChatSender chats = TestTelegram.chatSender(api, token, subscribers);
        BroadcastSender sender = new BroadcastSender(dataSource, transactions, messages, subscribers, properties,
                () -> chats, Clock.systemUTC());
        sender.start();
        System.out.println("sender ready");
        Thread.currentThread().join();
    }
}
