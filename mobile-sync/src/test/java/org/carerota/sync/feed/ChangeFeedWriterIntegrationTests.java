package org.carerota.sync.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.UUID;

import org.carerota.sync.protocol.Event;
import org.carerota.sync.protocol.EventKind;
import org.carerota.sync.protocol.PushRequest;
import org.carerota.sync.protocol.PushResponse;
import org.carerota.sync.protocol.SyncStatus;
import org.carerota.sync.protocol.VisitPayload;
import org.carerota.sync.testdata.Fixtures;
import org.carerota.sync.testdata.Fixtures.Org;
import org.carerota.sync.testdata.SyncHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.test.StepVerifier;

class ChangeFeedWriterIntegrationTests {

    private final SyncHarness harness = new SyncHarness();
    private final Fixtures fx = harness.fixtures;
    private Org org;
    private UUID amal;
    private UUID bea;
    private UUID mrsJones;
    private UUID visit;
    private UUID plan;

    @BeforeEach
    void rota() {
        org = fx.organisation("Feed Care");
        amal = fx.carer(org, "Amal");
        bea = fx.carer(org, "Bea");
        mrsJones = fx.serviceUser(org, "Mrs Jones");
        visit = fx.visit(org, mrsJones, Fixtures.TODAY.plusDays(1), LocalTime.of(8, 0), 30, 1);
        plan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY.plusDays(6));
        fx.assign(org, plan, visit, amal, 0, 0);
    }

    private long feedRows(UUID carer) {
        return fx.count("select count(*) from change_feed where carer_id = '" + carer + "'");
    }

    @Test
    void shouldAppendNothingWhenTheSamePlanIsPublishedTwice() {
        FeedWriteSummary first = harness.publish(plan);
        FeedWriteSummary second = harness.publish(plan);

        assertThat(first.upserts()).isEqualTo(1);
        assertThat(first.carers()).containsExactly(amal);
        assertThat(second.isEmpty()).isTrue();
        assertThat(feedRows(amal)).isEqualTo(1);
        assertThat(fx.count("select count(*) from change_feed where carer_id = '" + amal + "' and plan_id = '" + plan
                        + "' and seq = 1 and op = 'UPSERT' and entity_type = 'VISIT' and entity_id = '" + visit + "'"))
                .isEqualTo(1);
    }

    @Test
    void shouldAppendTombstoneAndUpsertWhenVisitMovesToAnotherCarer() {
        harness.publish(plan);
        UUID replan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY.plusDays(6));
        fx.assign(org, replan, visit, bea, 0, 0);

        FeedWriteSummary summary = harness.publish(replan);

        assertThat(summary.deletes()).isEqualTo(1);
        assertThat(summary.upserts()).isEqualTo(1);
        assertThat(summary.carers()).containsExactlyInAnyOrder(amal, bea);
        assertThat(fx.count("select count(*) from change_feed where carer_id = '" + amal + "' and op = 'DELETE'"
                        + " and plan_id = '" + replan + "' and payload ->> 'reason' = 'UNASSIGNED'"))
                .isEqualTo(1);
        assertThat(harness.publish(replan).isEmpty()).isTrue();
    }

    @Test
    void shouldNotReemitWhenOnlyThePlanRevisionChanges() {
        harness.publish(plan);
        UUID same = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY.plusDays(6));
        fx.assign(org, same, visit, amal, 0, 0);

        assertThat(harness.publish(same).isEmpty()).isTrue();
    }

    @Test
    void shouldReemitVisitOnceWhenItsDetailsChange() {
        harness.publish(plan);
        fx.exec("update visits set note = 'Use the side door', duration_minutes = 45 where id = '" + visit + "'");

        FeedWriteSummary changed = harness.owner
                .write(db -> harness.sync.feedWriter().visitsChanged(db, java.util.List.of(visit)))
                .block();
        FeedWriteSummary again = harness.owner
                .write(db -> harness.sync.feedWriter().visitsChanged(db, java.util.List.of(visit)))
                .block();

        assertThat(changed.upserts()).isEqualTo(1);
        assertThat(again.isEmpty()).isTrue();
        VisitPayload pulled =
                harness.pull(amal, null).changes().visits().created().get(0);
        assertThat(pulled.note()).isEqualTo("Use the side door");
        assertThat(pulled.durationMinutes()).isEqualTo(45);
    }

    @Test
    void shouldReemitVisitsWhenClientDetailsChange() {
        harness.publish(plan);
        fx.exec("update service_users set postcode = 'NR2 2BB' where id = '" + mrsJones + "'");

        StepVerifier.create(harness.owner.write(db -> harness.sync.feedWriter().serviceUserChanged(db, mrsJones)))
                .assertNext(summary -> assertThat(summary.upserts()).isEqualTo(1))
                .verifyComplete();
        assertThat(harness.pull(amal, null)
                        .changes()
                        .visits()
                        .created()
                        .get(0)
                        .serviceUser()
                        .postcode())
                .isEqualTo("NR2 2BB");
    }

    @Test
    void shouldTombstoneWhenDayLosesItsPublishedPlan() {
        harness.publish(plan);
        fx.exec("delete from published_plan_days where plan_id = '" + plan + "'");

        FeedWriteSummary summary = harness.owner
                .write(db -> harness.sync
                        .feedWriter()
                        .publishAreaDays(db, org.areaId(), java.util.List.of(Fixtures.TODAY.plusDays(1))))
                .block();

        assertThat(summary.deletes()).isEqualTo(1);
    }

    @Test
    void shouldCompactToLatestRowsWithoutBreakingOldCheckpointsOrConflictDetection() {
        harness.publish(plan);
        String old = harness.pull(amal, null).checkpoint();
        UUID past = fx.visit(org, mrsJones, Fixtures.TODAY.minusDays(90), LocalTime.of(8, 0), 30, 1);
        UUID pastPlan = fx.plan(org, Fixtures.TODAY.minusDays(90), Fixtures.TODAY.minusDays(90));
        fx.assign(org, pastPlan, past, amal, 0, 0);
        harness.publish(pastPlan);
        for (int position = 1; position <= 3; position++) {
            UUID replan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY.plusDays(6));
            fx.assign(org, replan, visit, amal, 0, position);
            harness.publish(replan);
        }
        UUID away = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY.plusDays(6));
        fx.assign(org, away, visit, bea, 0, 0);
        harness.publish(away);
        long before = feedRows(amal);

        Long deleted = harness.owner
                .write(db -> FeedCompactor.compact(db, Fixtures.TODAY.minusDays(60)))
                .block();

        assertThat(deleted).isPositive();
        assertThat(feedRows(amal)).isEqualTo(2).isLessThan(before);
        assertThat(harness.pull(amal, old).changes().visits().deleted()).containsExactly(visit);
        assertThat(harness.pull(amal, old).status()).isEqualTo(SyncStatus.OK);
        PushResponse pushed = harness.push(
                amal,
                PushRequest.of(
                        UUID.randomUUID(),
                        java.util.List.of(Event.of(UUID.randomUUID(), EventKind.CHECK_IN, visit, Fixtures.NOW))));
        assertThat(pushed.results().get(0).flags()).containsExactly("REASSIGNED_WHILE_OFFLINE");
    }
}
