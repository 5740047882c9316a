package org.sanad.storage;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Makes every commit to an embedded H2 file reach the file before the commit returns. By default H2 keeps the last
 * half second of committed work in memory (its write delay): a crash or {@code kill -9} then loses subscriptions,
 * forgets, audit entries and broadcast delivery marks that Sanad had already confirmed, and a broadcast resumed after
 * such a crash sends some messages twice. {@code SET WRITE_DELAY 0} on every connection turns that off, whatever H2
 * URL the clinic configured. It asks the operating system to write, it does not fsync: a power cut can still lose
 * the last moments (PostgreSQL is the choice for that, see the README).
 */
@Component
class DurableH2Commits implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Commits.class);
    static final String NO_WRITE_DELAY = "SET WRITE_DELAY 0";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && isH2File(pool.getJdbcUrl())) {
            String before = pool.getConnectionInitSql();
            if (before == null || before.isBlank()) {
                pool.setConnectionInitSql(NO_WRITE_DELAY);
                log.info("Embedded H2: each commit is written to the file before it returns");
            }
        }
        return bean;
    }

    /** An H2 database kept in a file (or served by an H2 server): in-memory databases have nothing to lose. */
    static boolean isH2File(String url) {
        return url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
    }
}
