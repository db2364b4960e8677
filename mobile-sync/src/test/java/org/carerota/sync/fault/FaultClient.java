package org.carerota.sync.fault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.carerota.sync.SyncService;
import org.carerota.sync.SyncTransactions;
import org.carerota.sync.protocol.Event;
import org.carerota.sync.protocol.EventKind;
import org.carerota.sync.protocol.EventResult;
import org.carerota.sync.protocol.Outcome;
import org.carerota.sync.protocol.PushRequest;
import org.carerota.sync.protocol.PushResponse;
import org.carerota.sync.pull.AccessNotesReader;
import org.carerota.sync.shared.SyncSettings;
import org.carerota.sync.testdata.Fixtures;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

/**
 * A device that never gives up: it keeps an outbox and pushes it in batches over connections that
 * may fail, retrying the same event ids until every event is ACCEPTED or DUPLICATE. Each
 * transaction opens a fresh (unpooled) connection, as after a crash nothing is worth keeping.
 */
final class FaultClient {

    final SyncService sync;
    final UUID device = UUID.randomUUID();
    final List<Event> outbox = new ArrayList<>();
    final Set<UUID> acknowledged = new HashSet<>();
    int failures;
    int duplicates;

    FaultClient(String host, int port, String database, String user) {
        ConnectionFactory factory = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(host)
                .port(port)
                .database(database)
                .username(user)
                .password("")
                .connectTimeout(Duration.ofSeconds(2))
                .build());
        this.sync = new SyncService(
                new OwnerTransactions(factory),
                Clock.fixed(Fixtures.NOW, Fixtures.LONDON),
                SyncSettings.defaults(),
                AccessNotesReader.NONE);
    }

    /** Records {@code count} events for the visit (check-ins, notes...) in the outbox. */
    void record(UUID visit, int count) {
        for (int i = 0; i < count; i++) {
            EventKind kind = i % 2 == 0 ? EventKind.CHECK_IN : EventKind.NOTE;
            outbox.add(new Event(
                    UUID.randomUUID(),
                    kind.name(),
                    visit,
                    Fixtures.NOW.minusSeconds(600 - i),
                    null,
                    null,
                    null,
                    null,
                    null,
                    kind == EventKind.NOTE ? "note " + i : null));
        }
    }

    /** Pushes one batch, retrying (bounded) until the server answers. */
    PushResponse pushWithRetries(UUID carer, List<Event> batch, Runnable beforeEachAttempt) {
        for (int attempt = 0; attempt < 200; attempt++) {
            beforeEachAttempt.run();
            try {
                PushResponse response = Objects.requireNonNull(sync.push(carer, PushRequest.of(device, batch))
                        .timeout(Duration.ofSeconds(10))
                        .block());
                for (EventResult result : response.results()) {
                    if (result.outcome() == Outcome.REJECTED) {
                        throw new AssertionError("rejected: " + result);
                    }
                    if (result.outcome() == Outcome.DUPLICATE) {
                        duplicates++;
                    }
                    acknowledged.add(Objects.requireNonNull(result.eventId()));
                }
                return response;
            } catch (RuntimeException e) {
                failures++;
                sleep(50);
            }
        }
        throw new AssertionError("the server never answered");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Transactions as the schema owner over the given (unpooled) connections. */
    static final class OwnerTransactions implements SyncTransactions {
        private final DatabaseClient db;
        private final TransactionalOperator reads;
        private final TransactionalOperator writes;

        OwnerTransactions(ConnectionFactory factory) {
            R2dbcTransactionManager manager = new R2dbcTransactionManager(factory);
            DefaultTransactionDefinition read = new DefaultTransactionDefinition();
            read.setReadOnly(true);
            read.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
            this.reads = TransactionalOperator.create(manager, read);
            this.writes = TransactionalOperator.create(manager);
            this.db = DatabaseClient.create(factory);
        }

        @Override
        public <T> Mono<T> read(Function<DatabaseClient, Mono<T>> work) {
            return reads.transactional(Mono.defer(() -> work.apply(db)));
        }

        @Override
        public <T> Mono<T> write(Function<DatabaseClient, Mono<T>> work) {
            return writes.transactional(Mono.defer(() -> work.apply(db)));
        }
    }

    static Instant now() {
        return Fixtures.NOW;
    }
}
