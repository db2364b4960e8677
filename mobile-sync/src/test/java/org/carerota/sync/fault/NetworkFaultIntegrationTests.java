package org.carerota.sync.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.carerota.infra.db.EmbeddedDatabase;
import org.carerota.sync.protocol.Event;
import org.carerota.sync.testdata.Fixtures;
import org.carerota.sync.testdata.SyncDatabase;
import org.carerota.sync.testdata.SyncHarness;
import org.junit.jupiter.api.Test;

/**
 * The library talks to PostgreSQL through an in-process TCP proxy that cuts connections at random
 * points (mid-batch, before or after COMMIT); the device retries the same ids until answered.
 * Every event is stored exactly once and the lost answers come back as DUPLICATE.
 */
class NetworkFaultIntegrationTests {

    private final SyncHarness harness = new SyncHarness();
    private final Fixtures fx = harness.fixtures;

    @Test
    void shouldStoreEveryEventExactlyOnceWhenConnectionsDropMidBatch() throws Exception {
        Fixtures.Org org = fx.organisation("Flaky Network Care");
        UUID carer = fx.carer(org, "Amal");
        UUID visit = fx.visit(org, fx.serviceUser(org, "Mrs Jones"), Fixtures.TODAY, LocalTime.of(8, 0), 30, 1);
        UUID plan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
        fx.assign(org, plan, visit, carer, 0, 0);
        harness.publish(plan);

        EmbeddedDatabase server = EmbeddedDatabase.forTests();
        String database = databaseName();
        try (TcpProxy proxy = new TcpProxy(server.port(), 20261122L, 2)) {
            FaultClient device = new FaultClient("127.0.0.1", proxy.port(), database, server.user());
            device.record(visit, 100);
            for (int i = 0; i * 10 < device.outbox.size(); i++) {
                List<Event> batch = device.outbox.subList(i * 10, Math.min(device.outbox.size(), i * 10 + 10));
                device.pushWithRetries(carer, batch, () -> {});
            }
            proxy.heal();
            long stored = harness.database
                    .admin()
                    .sql("select count(*) as n, count(distinct id) as d from visit_events where carer_id = :carer")
                    .bind("carer", carer)
                    .map((row, meta) -> row.get("n", Long.class) * 1000 + row.get("d", Long.class))
                    .one()
                    .blockOptional()
                    .orElseThrow();
            assertThat(stored).as("100 rows, 100 distinct ids").isEqualTo(100_100L);
            assertThat(device.acknowledged).hasSize(100);
            assertThat(proxy.cuts()).as("connections were cut").isPositive();
            assertThat(device.failures).as("pushes failed and were retried").isPositive();
        }
    }

    private static String databaseName() {
        return SyncDatabase.get()
                .admin()
                .sql("select current_database()")
                .map((row, meta) -> String.valueOf(row.get(0, String.class)))
                .one()
                .blockOptional()
                .orElseThrow();
    }
}
