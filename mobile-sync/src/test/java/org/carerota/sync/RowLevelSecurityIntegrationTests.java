package org.carerota.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.carerota.sync.feed.FeedWriteSummary;
import org.carerota.sync.protocol.Event;
import org.carerota.sync.protocol.EventFlag;
import org.carerota.sync.protocol.EventKind;
import org.carerota.sync.protocol.EventResult;
import org.carerota.sync.protocol.Outcome;
import org.carerota.sync.protocol.PullRequest;
import org.carerota.sync.protocol.PullResponse;
import org.carerota.sync.protocol.PushRequest;
import org.carerota.sync.protocol.PushResponse;
import org.carerota.sync.protocol.VisitPayload;
import org.carerota.sync.pull.AccessNotesReader;
import org.carerota.sync.shared.SyncSettings;
import org.carerota.sync.testdata.Fixtures;
import org.carerota.sync.testdata.Fixtures.Org;
import org.carerota.sync.testdata.MutableClock;
import org.carerota.sync.testdata.SyncDatabase;
import org.carerota.sync.testdata.TestTransactions;
import org.carerota.sync.testdata.TestTransactions.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol as the api runs it: connected as carerota_app, each transaction scoped to the caller
 * by row-level security (V0100). A carer's pull and push, a coordinator's publish and queries.
 */
class RowLevelSecurityIntegrationTests {

    private final SyncDatabase database = SyncDatabase.get();
    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final Fixtures fx = new Fixtures(database.admin());
    private Org org;
    private UUID amal;
    private UUID bea;
    private UUID amalsVisit;
    private UUID beasVisit;
    private UUID plan;
    private SyncService asAmal;
    private SyncService asCoordinator;

    @BeforeEach
    void rota() {
        org = fx.organisation("Secure Care");
        amal = fx.carer(org, "Amal");
        bea = fx.carer(org, "Bea");
        UUID su = fx.serviceUser(org, "Mrs Jones");
        amalsVisit = fx.visit(org, su, Fixtures.TODAY, LocalTime.of(8, 0), 30, 2);
        beasVisit = fx.visit(org, fx.serviceUser(org, "Mr Smith"), Fixtures.TODAY, LocalTime.of(10, 0), 30, 1);
        plan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
        fx.assign(org, plan, amalsVisit, amal, 0, 0);
        fx.assign(org, plan, amalsVisit, bea, 1, 0);
        fx.assign(org, plan, beasVisit, bea, 0, 1);
        asAmal = service(Caller.carer(org.id(), amal));
        asCoordinator = service(Caller.coordinator(org.id()));
        publishAsCoordinator(plan);
    }

    private SyncService service(Caller caller) {
        return new SyncService(
                TestTransactions.as(database, caller), clock, SyncSettings.defaults(), AccessNotesReader.NONE);
    }

    private FeedWriteSummary publishAsCoordinator(UUID planId) {
        fx.publish(planId);
        return Objects.requireNonNull(TestTransactions.as(database, Caller.coordinator(org.id()))
                .write(db -> asCoordinator.feedWriter().publishPlan(db, planId))
                .block());
    }

    @Test
    void shouldPullOwnSnapshotWithCoWorkerNamesWhenConnectedAsCarer() {
        PullResponse response = asAmal.pull(amal, PullRequest.snapshot(1)).block();

        assertThat(response.changes().visits().created())
                .extracting(VisitPayload::visitId)
                .containsExactly(amalsVisit);
        assertThat(response.changes().visits().created().get(0).coWorkers())
                .extracting(c -> c.name())
                .containsExactly("Bea");
    }

    @Test
    void shouldSeeOnlyOwnFeedRowsWhenConnectedAsCarer() {
        Long visible = TestTransactions.as(database, Caller.carer(org.id(), amal))
                .read(db -> db.sql("select count(*) as n from change_feed where carer_id in (:a, :b)")
                        .bind("a", amal)
                        .bind("b", bea)
                        .map((row, meta) -> row.get("n", Long.class))
                        .one())
                .block();

        assertThat(visible).isEqualTo(fx.count("select count(*) from change_feed where carer_id = '" + amal + "'"));
        assertThat(fx.count("select count(*) from change_feed where carer_id = '" + bea + "'"))
                .isPositive();
    }

    @Test
    void shouldAcceptOwnRejectOthersAndFlagReassignedWhenPushingAsCarer() {
        UUID device = UUID.randomUUID();
        Event own = Event.of(UUID.randomUUID(), EventKind.CHECK_IN, amalsVisit, Fixtures.NOW);
        Event others = Event.of(UUID.randomUUID(), EventKind.CHECK_IN, beasVisit, Fixtures.NOW);

        PushResponse first =
                asAmal.push(amal, PushRequest.of(device, List.of(own, others))).block();

        assertThat(first.results())
                .extracting(EventResult::outcome)
                .containsExactly(Outcome.ACCEPTED, Outcome.REJECTED);
        assertThat(first.results().get(1).reasonCode()).isEqualTo("UNKNOWN_VISIT");

        UUID replan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
        fx.assign(org, replan, amalsVisit, bea, 0, 0);
        fx.assign(org, replan, beasVisit, bea, 0, 1);
        publishAsCoordinator(replan);
        Event offline = Event.of(UUID.randomUUID(), EventKind.CHECK_OUT, amalsVisit, Fixtures.NOW);

        PushResponse second =
                asAmal.push(amal, PushRequest.of(device, List.of(offline, own))).block();

        assertThat(second.results())
                .extracting(EventResult::outcome)
                .containsExactly(Outcome.ACCEPTED, Outcome.DUPLICATE);
        assertThat(second.results().get(0).flags()).containsExactly(EventFlag.REASSIGNED_WHILE_OFFLINE.name());
        assertThat(asCoordinator.pinsFromDeliveredEvents(List.of(amalsVisit)).block())
                .singleElement()
                .satisfies(pin -> assertThat(pin.carerId()).isEqualTo(amal));
        assertThat(fx.count("select count(*) from quarantined_events where carer_id = '" + amal + "'"))
                .isEqualTo(1);
    }

    @Test
    void shouldRecordReceiptsAsCarerAndReportThemToCoordinator() {
        PullResponse pulled = asAmal.pull(amal, PullRequest.snapshot(1)).block();

        assertThat(asAmal.acknowledge(UUID.randomUUID(), amal, Objects.requireNonNull(pulled.checkpoint()), 1)
                        .block()
                        .stored())
                .isTrue();
        assertThat(asCoordinator.carersNotUpToDate(plan).block())
                .extracting(c -> c.carerId())
                .containsExactly(bea);
    }
}
