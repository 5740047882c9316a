package org.sanad.broadcast;

import org.sanad.testing.TestDatabases.Database;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds the broadcast store outside Spring, for the tests of the rooms that use it. */
public final class TestBroadcasts {

    private TestBroadcasts() {
    }

    /** A store on {@code db} with no sender to wake: drafts and deliveries are only stored. */
    public static BroadcastStore store(Database db) {
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        return new BroadcastStore(db.jdbc(), transactions, new Subscribers(db.jdbc()), () -> { });
    }
}
