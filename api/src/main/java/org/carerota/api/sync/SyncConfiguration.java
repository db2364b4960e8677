package org.carerota.api.sync;

import java.time.Clock;
import java.time.Duration;

import org.carerota.api.security.AccessNotes;
import org.carerota.api.shared.database.Transactions;
import org.carerota.sync.SyncService;
import org.carerota.sync.SyncTransactions;
import org.carerota.sync.live.ChangeNotifications;
import org.carerota.sync.pull.AccessNotesReader;
import org.carerota.sync.shared.SyncSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;

/**
 * Wires the sync library: transactions as the calling carer (row-level security applies), access
 * notes decrypted by {@link AccessNotes} and audited in the pull's own transaction, the
 * application's clock, and live notifications on a
 * connection of their own (LISTEN/NOTIFY crosses instances).
 */
@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

    @Bean
    SyncSettings syncSettings(
            @Value("${carerota.sync.default-page-size:200}") int defaultPageSize,
            @Value("${carerota.sync.max-page-size:1000}") int maxPageSize,
            @Value("${carerota.sync.max-batch-events:500}") int maxBatchEvents) {
        SyncSettings defaults = SyncSettings.defaults();
        return defaults.withPageSizes(defaultPageSize, maxPageSize).withMaxBatchEvents(maxBatchEvents);
    }

    @Bean
    SyncTransactions syncTransactions(Transactions transactions) {
        return new CallerSyncTransactions(transactions);
    }

    @Bean
    AccessNotesReader syncAccessNotesReader(AccessNotes accessNotes) {
        return (db, carerId, day, serviceUserIds) -> accessNotes.revealTodayToCarer(db, serviceUserIds);
    }

    @Bean
    SyncService syncService(
            SyncTransactions transactions, Clock clock, SyncSettings settings, AccessNotesReader accessNotes) {
        return new SyncService(transactions, clock, settings, accessNotes);
    }

    /**
     * One LISTEN connection per instance, opened while some device listens. A pooled factory is
     * unwrapped so the connection does not hold a pool slot for ever.
     */
    @Bean
    ChangeNotifications changeNotifications(ConnectionFactory connectionFactory) {
        ConnectionFactory plain = connectionFactory;
        if (connectionFactory instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            plain = inner;
        }
        return new ChangeNotifications(plain);
    }

    /** How often the live stream sends a keep-alive comment (proxies close idle streams). */
    @Bean
    LiveSettings liveSettings(@Value("${carerota.sync.live-heartbeat:20s}") Duration heartbeat) {
        return new LiveSettings(heartbeat);
    }

    /** Settings of {@code GET /sync/live}. */
    record LiveSettings(Duration heartbeat) {}
}
