package org.carerota.sync.live;

import java.time.Duration;
import java.time.LocalTime;
import java.util.UUID;

import org.carerota.sync.testdata.Fixtures;
import org.carerota.sync.testdata.Fixtures.Org;
import org.carerota.sync.testdata.SyncHarness;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ChangeNotificationsIntegrationTests {

    private final SyncHarness harness = new SyncHarness();
    private final Fixtures fx = harness.fixtures;

    @Test
    void shouldEmitTheCarerIdWhenFeedRowsCommitAndNothingWhenTheyRollBack() {
        Org org = fx.organisation("Live Care");
        UUID amal = fx.carer(org, "Amal");
        UUID bea = fx.carer(org, "Bea");
        UUID su = fx.serviceUser(org, "Mrs Jones");
        UUID rolledBack = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
        fx.assign(org, rolledBack, fx.visit(org, su, Fixtures.TODAY, LocalTime.of(8, 0), 30, 1), bea, 0, 0);
        UUID plan = fx.plan(org, Fixtures.TODAY.plusDays(1), Fixtures.TODAY.plusDays(1));
        fx.assign(org, plan, fx.visit(org, su, Fixtures.TODAY.plusDays(1), LocalTime.of(8, 0), 30, 1), amal, 0, 0);
        ChangeNotifications notifications = new ChangeNotifications(harness.database.unpooledOwnerConnections());

        StepVerifier.create(notifications.carerChanges().filter(id -> id.equals(amal) || id.equals(bea)))
                .then(() -> notifications.listening().block(Duration.ofSeconds(10)))
                .then(() -> {
                    fx.publish(rolledBack);
                    try {
                        harness.owner
                                .write(db -> harness.sync
                                        .feedWriter()
                                        .publishPlan(db, rolledBack)
                                        .then(Mono.error(new IllegalStateException("rollback"))))
                                .block();
                    } catch (IllegalStateException expected) {
                        // rolled back: no NOTIFY is delivered
                    }
                    harness.publish(plan);
                })
                .expectNext(amal)
                .thenCancel()
                .verify(Duration.ofSeconds(15));
    }
}
