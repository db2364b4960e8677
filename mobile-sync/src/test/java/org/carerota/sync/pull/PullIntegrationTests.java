package org.carerota.sync.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerota.sync.protocol.PullRequest;
import org.carerota.sync.protocol.PullResponse;
import org.carerota.sync.protocol.SyncStatus;
import org.carerota.sync.protocol.VisitPayload;
import org.carerota.sync.shared.SyncSettings;
import org.carerota.sync.testdata.Fixtures;
import org.carerota.sync.testdata.Fixtures.Org;
import org.carerota.sync.testdata.SyncHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class PullIntegrationTests {

    private final SyncHarness harness = new SyncHarness(
            (db, carer, day, serviceUsers) ->
                    Mono.just(Map.of(serviceUsers.iterator().next(), "Key safe 1234")),
            SyncSettings.defaults());
    private final Fixtures fx = harness.fixtures;
    private Org org;
    private UUID amal;
    private UUID bea;
    private UUID mrsJones;

    @BeforeEach
    void rota() {
        org = fx.organisation("Pull Care");
        amal = fx.carer(org, "Amal");
        bea = fx.carer(org, "Bea");
        mrsJones = fx.serviceUser(org, "Mrs Jones");
    }

    @Test
    void shouldReturnSnapshotOfPublishedVisitsFromTodayWhenNoCheckpoint() {
        UUID yesterday = fx.visit(org, mrsJones, Fixtures.TODAY.minusDays(1), LocalTime.of(8, 0), 30, 1);
        UUID morning = fx.visit(org, mrsJones, Fixtures.TODAY, LocalTime.of(8, 0), 30, 1);
        UUID doubleUp = fx.visit(org, mrsJones, Fixtures.TODAY.plusDays(1), LocalTime.of(9, 0), 45, 2);
        UUID plan = fx.plan(org, Fixtures.TODAY.minusDays(1), Fixtures.TODAY.plusDays(6));
        fx.assign(org, plan, yesterday, amal, 0, 0);
        fx.assign(org, plan, morning, amal, 0, 0);
        fx.assign(org, plan, doubleUp, amal, 0, 0);
        fx.assign(org, plan, doubleUp, bea, 1, 0);
        harness.publish(plan);
        UUID draft = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
        UUID unpublished = fx.visit(org, mrsJones, Fixtures.TODAY, LocalTime.of(18, 0), 30, 1);
        fx.assign(org, draft, unpublished, amal, 0, 1);

        PullResponse response = harness.pull(amal, null);

        assertThat(response.status()).isEqualTo(SyncStatus.OK);
        assertThat(response.snapshot()).isTrue();
        assertThat(response.hasMore()).isFalse();
        assertThat(response.changes().visits().created())
                .extracting(VisitPayload::visitId)
                .containsExactlyInAnyOrder(morning, doubleUp);
        VisitPayload visit = response.changes().visits().created().stream()
                .filter(v -> v.visitId().equals(doubleUp))
                .findFirst()
                .orElseThrow();
        assertThat(visit.serviceUser().name()).isEqualTo("Mrs Jones");
        assertThat(visit.serviceUser().postcode()).isEqualTo("NR1 1AA");
        assertThat(visit.coWorkers()).extracting(c -> c.name()).containsExactly("Bea");
        assertThat(visit.tasks()).extracting(t -> t.code()).containsExactly("meds");
        assertThat(visit.durationMinutes()).isEqualTo(45);
        assertThat(visit.serviceDate()).isEqualTo(Fixtures.TODAY.plusDays(1));
        assertThat(response.changes().accessNotes().updated()).singleElement().satisfies(note -> assertThat(note.text())
                .isEqualTo("Key safe 1234"));
        assertThat(response.checkpoint()).isNotNull();
    }

    @Test
    void shouldReturnCreatedUpdatedAndDeletedAfterCheckpointWhenRotaIsRepublished() {
        UUID kept = fx.visit(org, mrsJones, Fixtures.TODAY, LocalTime.of(8, 0), 30, 1);
        UUID moved = fx.visit(org, mrsJones, Fixtures.TODAY.plusDays(1), LocalTime.of(8, 0), 30, 1);
        UUID removed = fx.visit(org, mrsJones, Fixtures.TODAY.plusDays(2), LocalTime.of(8, 0), 30, 1);
        UUID added = fx.visit(org, mrsJones, Fixtures.TODAY.plusDays(3), LocalTime.of(8, 0), 30, 1);
        UUID first = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY.plusDays(6));
        fx.assign(org, first, kept, amal, 0, 0);
        fx.assign(org, first, moved, amal, 0, 0);
        fx.assign(org, first, removed, amal, 0, 0);
        harness.publish(first);
        String checkpoint = harness.pull(amal, null).checkpoint();

        UUID second = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY.plusDays(6));
        fx.assign(org, second, kept, amal, 0, 0);
        fx.assign(org, second, moved, amal, 0, 3);
        fx.assign(org, second, removed, bea, 0, 0);
        fx.assign(org, second, added, amal, 0, 0);
        harness.publish(second);
        PullResponse response = harness.pull(amal, checkpoint);

        assertThat(response.snapshot()).isFalse();
        assertThat(response.changes().visits().created())
                .extracting(VisitPayload::visitId)
                .containsExactly(added);
        assertThat(response.changes().visits().updated()).singleElement().satisfies(v -> {
            assertThat(v.visitId()).isEqualTo(moved);
            assertThat(v.position()).isEqualTo(3);
        });
        assertThat(response.changes().visits().deleted()).containsExactly(removed);
        assertThat(harness.pull(bea, null).changes().visits().created())
                .extracting(VisitPayload::visitId)
                .containsExactly(removed);
    }

    @Test
    void shouldPageWithHasMoreUntilEveryVisitIsDeliveredWhenLimitIsSmall() {
        UUID plan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY.plusDays(6));
        List<UUID> visits = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            UUID visit = fx.visit(org, mrsJones, Fixtures.TODAY.plusDays(day), LocalTime.of(10, 0), 30, 1);
            fx.assign(org, plan, visit, amal, 0, 0);
            visits.add(visit);
        }
        harness.publish(plan);

        List<UUID> received = new ArrayList<>();
        String checkpoint = null;
        int pages = 0;
        PullResponse page;
        do {
            page = harness.pull(amal, checkpoint, 2);
            page.changes().visits().created().forEach(v -> received.add(v.visitId()));
            page.changes().visits().updated().forEach(v -> received.add(v.visitId()));
            checkpoint = page.checkpoint();
            pages++;
        } while (page.hasMore());

        assertThat(pages).isEqualTo(3);
        assertThat(received).containsExactlyInAnyOrderElementsOf(visits);
        PullResponse after = harness.pull(amal, checkpoint);
        assertThat(after.changes().visits().isEmpty()).isTrue();
        assertThat(after.checkpoint()).isEqualTo(checkpoint);
    }

    @Test
    void shouldAnswerResetWhenCheckpointIsMalformedFromTheFutureOrAnotherCarers() {
        UUID visit = fx.visit(org, mrsJones, Fixtures.TODAY, LocalTime.of(8, 0), 30, 1);
        UUID plan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
        fx.assign(org, plan, visit, amal, 0, 0);
        harness.publish(plan);
        String amalsCheckpoint = harness.pull(amal, null).checkpoint();

        assertThat(harness.pull(amal, "not-a-checkpoint").status()).isEqualTo(SyncStatus.RESET);
        assertThat(harness.pull(amal, "999999").status()).isEqualTo(SyncStatus.RESET);
        assertThat(harness.pull(bea, amalsCheckpoint).reset()).isTrue();
        assertThat(harness.pull(amal, amalsCheckpoint).status()).isEqualTo(SyncStatus.OK);
    }

    @Test
    void shouldAnswerResetWhenCheckpointIsOlderThanThePrunedFeed() {
        UUID plan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY.plusDays(1));
        fx.assign(org, plan, fx.visit(org, mrsJones, Fixtures.TODAY, LocalTime.of(8, 0), 30, 1), amal, 0, 0);
        fx.assign(
                org, plan, fx.visit(org, mrsJones, Fixtures.TODAY.plusDays(1), LocalTime.of(8, 0), 30, 1), amal, 0, 0);
        harness.publish(plan);
        fx.exec("update carer_feed_heads set pruned_through_seq = 2 where carer_id = '" + amal + "'");

        PullResponse response = harness.pull(amal, "1");

        assertThat(response.status()).isEqualTo(SyncStatus.RESET);
        assertThat(response.checkpoint()).isNull();
        assertThat(response.message()).contains("pruned");
        assertThat(harness.pull(amal, null).changes().visits().created()).hasSize(2);
    }

    @Test
    void shouldAnswerUpgradeRequiredWhenSchemaVersionIsUnsupported() {
        StepVerifier.create(harness.sync.pull(amal, new PullRequest(null, 99, null)))
                .assertNext(response -> {
                    assertThat(response.status()).isEqualTo(SyncStatus.UPGRADE_REQUIRED);
                    assertThat(response.upgradeRequired()).isTrue();
                    assertThat(response.supportedSchemaVersions()).contains(1);
                })
                .verifyComplete();
    }

    @Test
    void shouldSendOnlyTheCarersOwnVisitsWhenOthersArePublishedToo() {
        UUID amals = fx.visit(org, mrsJones, Fixtures.TODAY, LocalTime.of(8, 0), 30, 1);
        UUID beas = fx.visit(org, fx.serviceUser(org, "Mr Smith"), Fixtures.TODAY, LocalTime.of(9, 0), 30, 1);
        UUID plan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
        fx.assign(org, plan, amals, amal, 0, 0);
        fx.assign(org, plan, beas, bea, 0, 0);
        harness.publish(plan);

        PullResponse response = harness.pull(amal, null);

        assertThat(response.changes().visits().created())
                .extracting(VisitPayload::visitId)
                .containsExactly(amals);
        assertThat(response.changes().visits().created())
                .extracting(v -> v.serviceUser().name())
                .doesNotContain("Mr Smith");
    }

    @Test
    void shouldSendAccessWithdrawnWhenTodaysVisitIsTakenAway() {
        UUID visit = fx.visit(org, mrsJones, Fixtures.TODAY, LocalTime.of(12, 0), 30, 1);
        UUID first = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
        fx.assign(org, first, visit, amal, 0, 0);
        harness.publish(first);
        PullResponse before = harness.pull(amal, null);
        assertThat(before.changes().accessNotes().updated()).hasSize(1);

        UUID second = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
        fx.assign(org, second, visit, bea, 0, 0);
        harness.publish(second);
        PullResponse after = harness.pull(amal, before.checkpoint());

        assertThat(after.changes().visits().deleted()).containsExactly(visit);
        assertThat(after.changes().accessNotes().deleted()).containsExactly(mrsJones);
        assertThat(after.changes().accessNotes().updated()).isEmpty();
    }
}
