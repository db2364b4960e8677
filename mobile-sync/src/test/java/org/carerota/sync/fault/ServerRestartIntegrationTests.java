package org.carerota.sync.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.carerota.infra.db.EmbeddedDatabase;
import org.carerota.sync.protocol.Event;
import org.carerota.sync.testdata.Fixtures;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;

/**
 * The embedded PostgreSQL (a durable data directory) is stopped and started again in the middle of
 * a device's push sequence; the device retries the same event ids, and some answers are "lost"
 * (the device sends a batch again after it was stored). Every event is stored exactly once.
 */
class ServerRestartIntegrationTests {

    private static final String DATABASE = "faults";

    @TempDir
    Path dataDir;

    @Test
    void shouldStoreEveryEventExactlyOnceWhenTheDatabaseRestartsDuringPushes() throws Exception {
        AtomicReference<EmbeddedDatabase> server =
                new AtomicReference<>(EmbeddedDatabase.startPersistent(dataDir.resolve("pg"), 0));
        int port = server.get().port();
        try {
            server.get().ensureDatabase(DATABASE);
            Flyway.configure()
                    .dataSource(
                            server.get().jdbcUrl(DATABASE),
                            server.get().user(),
                            server.get().password())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            DatabaseClient admin =
                    DatabaseClient.create(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                            .host("localhost")
                            .port(port)
                            .database(DATABASE)
                            .username(server.get().user())
                            .password("")
                            .build()));
            Fixtures fx = new Fixtures(admin);
            FaultClient device =
                    new FaultClient("localhost", port, DATABASE, server.get().user());
            Fixtures.Org org = fx.organisation("Restart Care");
            UUID carer = fx.carer(org, "Amal");
            UUID visit = fx.visit(org, fx.serviceUser(org, "Mrs Jones"), Fixtures.TODAY, LocalTime.of(8, 0), 30, 1);
            UUID plan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
            fx.assign(org, plan, visit, carer, 0, 0);
            fx.publish(plan);
            new FaultClient.OwnerTransactions(
                            new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                                    .host("localhost")
                                    .port(port)
                                    .database(DATABASE)
                                    .username(server.get().user())
                                    .password("")
                                    .build()))
                    .write(db -> device.sync.feedWriter().publishPlan(db, plan))
                    .block();

            device.record(visit, 60);
            Thread restarter = null;
            for (int i = 0; i * 6 < device.outbox.size(); i++) {
                List<Event> batch = device.outbox.subList(i * 6, Math.min(device.outbox.size(), i * 6 + 6));
                if (i == 3 || i == 7) {
                    // stop the server while this batch is on its way, start it again a little later
                    restarter = new Thread(() -> {
                        server.get().close();
                        FaultClient.sleep(1500);
                        server.set(EmbeddedDatabase.startPersistent(dataDir.resolve("pg"), port));
                    });
                    restarter.start();
                }
                device.pushWithRetries(carer, batch, () -> {});
                if (i % 3 == 1) {
                    // the answer was lost on the way back: the device sends the same batch again
                    device.pushWithRetries(carer, batch, () -> {});
                }
                if (restarter != null) {
                    restarter.join();
                    restarter = null;
                }
            }

            List<String> stored = admin.sql("select id::text from visit_events where carer_id = :carer")
                    .bind("carer", carer)
                    .map((row, meta) -> String.valueOf(row.get(0, String.class)))
                    .all()
                    .collectList()
                    .block();
            assertThat(stored).hasSize(60).doesNotHaveDuplicates();
            assertThat(stored)
                    .containsExactlyInAnyOrderElementsOf(device.outbox.stream()
                            .map(e -> String.valueOf(e.id()))
                            .toList());
            assertThat(device.acknowledged).hasSize(60);
            assertThat(device.failures)
                    .as("pushes failed while the server was down")
                    .isPositive();
            assertThat(device.duplicates)
                    .as("re-sent batches answered DUPLICATE")
                    .isGreaterThanOrEqualTo(6);
        } finally {
            server.get().close();
        }
    }
}
