package org.carerota.sync.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.carerota.sync.protocol.Event;
import org.carerota.sync.protocol.EventFlag;
import org.carerota.sync.protocol.EventKind;
import org.carerota.sync.protocol.EventResult;
import org.carerota.sync.protocol.Location;
import org.carerota.sync.protocol.Outcome;
import org.carerota.sync.protocol.PushRequest;
import org.carerota.sync.protocol.PushResponse;
import org.carerota.sync.protocol.RejectReason;
import org.carerota.sync.protocol.SchemaVersions;
import org.carerota.sync.protocol.SyncStatus;
import org.carerota.sync.pull.AccessNotesReader;
import org.carerota.sync.shared.SyncSettings;
import org.carerota.sync.testdata.Fixtures;
import org.carerota.sync.testdata.Fixtures.Org;
import org.carerota.sync.testdata.SyncHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class PushIntegrationTests {

    private final SyncHarness harness =
            new SyncHarness(AccessNotesReader.NONE, SyncSettings.defaults().withMaxBatchEvents(5));
    private final Fixtures fx = harness.fixtures;
    private final UUID device = UUID.randomUUID();
    private Org org;
    private UUID amal;
    private UUID bea;
    private UUID amalsVisit;
    private UUID beasVisit;

    @BeforeEach
    void rota() {
        org = fx.organisation("Push Care");
        amal = fx.carer(org, "Amal");
        bea = fx.carer(org, "Bea");
        UUID su = fx.serviceUser(org, "Mrs Jones");
        amalsVisit = fx.visit(org, su, Fixtures.TODAY, LocalTime.of(8, 0), 30, 1);
        beasVisit = fx.visit(org, su, Fixtures.TODAY, LocalTime.of(10, 0), 30, 1);
        UUID plan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
        fx.assign(org, plan, amalsVisit, amal, 0, 0);
        fx.assign(org, plan, beasVisit, bea, 0, 0);
        harness.publish(plan);
    }

    private Event checkIn(UUID visit) {
        return new Event(
                UUID.randomUUID(),
                "CHECK_IN",
                visit,
                Fixtures.NOW.minusSeconds(60),
                null,
                new Location(52.62, 1.30, 8.0),
                "GPS",
                null,
                null,
                null);
    }

    @Test
    void shouldAcceptThenAnswerDuplicateWhenTheSameEventIsSentAgain() {
        Event event = checkIn(amalsVisit);

        PushResponse first = harness.push(amal, PushRequest.of(device, List.of(event)));
        PushResponse retry = harness.push(amal, PushRequest.of(device, List.of(event, event)));

        assertThat(first.results()).extracting(EventResult::outcome).containsExactly(Outcome.ACCEPTED);
        assertThat(retry.results())
                .extracting(EventResult::outcome)
                .containsExactly(Outcome.DUPLICATE, Outcome.DUPLICATE);
        assertThat(fx.count("select count(*) from visit_events where id = '" + event.id() + "'"))
                .isEqualTo(1);
        assertThat(fx.count("select count(*) from visit_events where id = '" + event.id() + "' and received_at = '"
                        + Fixtures.NOW + "' and verification_method = 'GPS' and lat = 52.62"))
                .isEqualTo(1);
    }

    @Test
    void shouldRejectAndQuarantineBadEventsWhileApplyingTheRestWhenBatchIsMixed() {
        Event good = checkIn(amalsVisit);
        Event noKind = new Event(UUID.randomUUID(), null, amalsVisit, Fixtures.NOW, null, null, null, null, null, null);
        Event unknownKind =
                new Event(UUID.randomUUID(), "DANCE", amalsVisit, Fixtures.NOW, null, null, null, null, null, null);
        Event noTask =
                new Event(UUID.randomUUID(), "TASK_DONE", amalsVisit, Fixtures.NOW, null, null, null, null, null, null);
        Event unknownVisit = checkIn(UUID.randomUUID());
        Event notMine = checkIn(beasVisit);
        Event yearsOff = new Event(
                UUID.randomUUID(),
                "CHECK_OUT",
                amalsVisit,
                Fixtures.NOW.minus(Duration.ofDays(800)),
                null,
                null,
                null,
                null,
                null,
                null);
        Event longNote = new Event(
                UUID.randomUUID(), "NOTE", amalsVisit, Fixtures.NOW, null, null, null, null, null, "x".repeat(4001));
        Event noId = new Event(null, "CHECK_OUT", amalsVisit, Fixtures.NOW, null, null, null, null, null, null);
        Event badLocation = new Event(
                UUID.randomUUID(),
                "CHECK_OUT",
                amalsVisit,
                Fixtures.NOW,
                null,
                new Location(95.0, null, null),
                null,
                null,
                null,
                null);
        List<Event> batch = List.of(
                good, noKind, unknownKind, noTask, unknownVisit, notMine, yearsOff, longNote, noId, badLocation);
        SyncHarness wide = new SyncHarness(AccessNotesReader.NONE, SyncSettings.defaults());

        PushResponse response = wide.push(amal, PushRequest.of(device, batch));

        assertThat(response.results())
                .extracting(EventResult::outcome)
                .containsExactly(
                        Outcome.ACCEPTED,
                        Outcome.REJECTED,
                        Outcome.REJECTED,
                        Outcome.REJECTED,
                        Outcome.REJECTED,
                        Outcome.REJECTED,
                        Outcome.REJECTED,
                        Outcome.REJECTED,
                        Outcome.REJECTED,
                        Outcome.REJECTED);
        assertThat(response.results())
                .extracting(EventResult::reasonCode)
                .containsExactly(
                        null,
                        "MALFORMED",
                        "UNKNOWN_KIND",
                        "MALFORMED",
                        "UNKNOWN_VISIT",
                        "NOT_ASSIGNED",
                        "TIMESTAMP_OUT_OF_RANGE",
                        "NOTE_TOO_LONG",
                        "MALFORMED",
                        "MALFORMED");
        assertThat(response.results()).allSatisfy(r -> {
            if (r.outcome() == Outcome.REJECTED) {
                assertThat(r.reason()).isNotBlank();
                assertThat(r.retryable()).isFalse();
            }
        });
        assertThat(fx.count("select count(*) from visit_events where carer_id = '" + amal + "'"))
                .isEqualTo(1);
        assertThat(fx.count("select count(*) from quarantined_events where carer_id = '" + amal + "'"))
                .isEqualTo(9);
        assertThat(fx.count("select count(*) from quarantined_events where carer_id = '" + amal
                        + "' and reason_code = 'NOTE_TOO_LONG' and length(raw ->> 'note') = 4001"))
                .as("kept as received")
                .isEqualTo(1);

        wide.push(amal, PushRequest.of(device, batch));
        assertThat(fx.count("select count(*) from quarantined_events where carer_id = '" + amal + "'"))
                .as("a retried rejected event is quarantined once")
                .isEqualTo(9);
    }

    @Test
    void shouldRejectEventsPastTheLimitAsRetryableWhenBatchIsOversize() {
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(checkIn(amalsVisit));
        }

        PushResponse response = harness.push(amal, PushRequest.of(device, batch));

        assertThat(response.results()).hasSize(7);
        assertThat(response.results().subList(0, 5)).allMatch(r -> r.outcome() == Outcome.ACCEPTED);
        assertThat(response.results().subList(5, 7)).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(r.reasonCode()).isEqualTo(RejectReason.BATCH_TOO_LARGE.name());
            assertThat(r.retryable()).isTrue();
        });
        PushResponse rest = harness.push(amal, PushRequest.of(device, batch.subList(5, 7)));
        assertThat(rest.results()).allMatch(r -> r.outcome() == Outcome.ACCEPTED);
        assertThat(fx.count("select count(*) from visit_events where carer_id = '" + amal + "'"))
                .isEqualTo(7);
    }

    @Test
    void shouldStoreNothingWhenTheBatchTransactionRollsBack() {
        Event a = checkIn(amalsVisit);
        Event b = checkIn(amalsVisit);
        PushHandler handler = new PushHandler(harness.clock, SyncSettings.defaults());

        assertThatThrownBy(() -> harness.owner
                        .write(db -> handler.push(db, amal, PushRequest.of(device, List.of(a, b)))
                                .then(Mono.error(new IllegalStateException("connection lost before commit"))))
                        .block())
                .hasMessageContaining("connection lost");

        assertThat(fx.count("select count(*) from visit_events where id in ('" + a.id() + "', '" + b.id() + "')"))
                .isZero();
        assertThat(harness.push(amal, PushRequest.of(device, List.of(a, b))).results())
                .extracting(EventResult::outcome)
                .containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED);
    }

    @Test
    void shouldTidyFormattingButKeepTheWordsWhenNoteIsStored() {
        Event note = new Event(
                UUID.randomUUID(),
                "NOTE",
                amalsVisit,
                Fixtures.NOW,
                null,
                null,
                null,
                null,
                null,
                "  Took meds at 08:10\r\nSkin on left heel RED \u0007 – re-check 😟\r ");

        harness.push(amal, PushRequest.of(device, List.of(note)));

        assertThat(harness.database
                        .admin()
                        .sql("select note from visit_events where id = :id")
                        .bind("id", note.id())
                        .map((row, meta) -> row.get("note", String.class))
                        .one()
                        .block())
                .isEqualTo("Took meds at 08:10\nSkin on left heel RED  – re-check 😟");
    }

    @Test
    void shouldFlagClockSkewWhenDeviceClockDisagreesWithElapsedTime() {
        Event skewed = new Event(
                UUID.randomUUID(),
                "CHECK_IN",
                amalsVisit,
                Fixtures.NOW.plus(Duration.ofHours(3)),
                1_000L,
                null,
                null,
                null,
                null,
                null);
        Event honest = new Event(
                UUID.randomUUID(),
                "CHECK_OUT",
                amalsVisit,
                Fixtures.NOW.minusSeconds(10),
                591_000L,
                null,
                null,
                null,
                null,
                null);
        PushRequest request = new PushRequest(SchemaVersions.CURRENT, device, null, 601_000L, List.of(skewed, honest));

        PushResponse response = harness.push(amal, request);

        assertThat(response.results().get(0).flags()).containsExactly(EventFlag.CLOCK_SKEW.name());
        assertThat(response.results().get(1).flags()).isEmpty();
        assertThat(fx.count("select count(*) from visit_events where id = '" + skewed.id()
                        + "' and 'CLOCK_SKEW' = any(flags) and payload ? 'estimatedTime'"))
                .isEqualTo(1);
    }

    @Test
    void shouldAcceptFlagAndPinWhenVisitWasReassignedWhileOffline() {
        UUID replan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
        fx.assign(org, replan, amalsVisit, bea, 0, 0);
        fx.assign(org, replan, beasVisit, bea, 0, 1);
        harness.publish(replan);
        Event deliveredOffline = checkIn(amalsVisit);

        PushResponse response = harness.push(amal, PushRequest.of(device, List.of(deliveredOffline)));

        assertThat(response.results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(r.flags()).containsExactly(EventFlag.REASSIGNED_WHILE_OFFLINE.name());
        });
        StepVerifier.create(harness.sync.pinsFromDeliveredEvents(List.of(amalsVisit, beasVisit)))
                .assertNext(pins -> assertThat(pins).singleElement().satisfies(pin -> {
                    assertThat(pin.visitId()).isEqualTo(amalsVisit);
                    assertThat(pin.carerId()).isEqualTo(amal);
                    assertThat(pin.reassignedWhileOffline()).isTrue();
                }))
                .verifyComplete();
        StepVerifier.create(harness.sync.pinsFromDeliveredEvents(org.areaId(), Fixtures.TODAY, Fixtures.TODAY))
                .assertNext(pins ->
                        assertThat(pins).extracting(PinnedVisit::visitId).containsExactly(amalsVisit))
                .verifyComplete();
        StepVerifier.create(harness.sync.flaggedEvents(Fixtures.NOW.minusSeconds(1), 100_000))
                .assertNext(flagged -> assertThat(flagged)
                        .anySatisfy(f -> assertThat(f.eventId()).isEqualTo(deliveredOffline.id())))
                .verifyComplete();
    }

    @Test
    void shouldRejectEveryEventWhenDeviceBelongsToAnotherCarer() {
        harness.push(bea, PushRequest.of(device, List.of(checkIn(beasVisit))));

        PushResponse response = harness.push(amal, PushRequest.of(device, List.of(checkIn(amalsVisit))));

        assertThat(response.results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(r.reasonCode()).isEqualTo(RejectReason.DEVICE_NOT_OWNED.name());
        });
        assertThat(fx.count("select count(*) from quarantined_events where carer_id = '" + amal + "'"))
                .isEqualTo(1);
    }

    @Test
    void shouldAnswerUpgradeRequiredAndStoreNothingWhenSchemaVersionIsUnsupported() {
        Event event = checkIn(amalsVisit);

        PushResponse response = harness.push(amal, new PushRequest(0, device, null, null, List.of(event)));

        assertThat(response.status()).isEqualTo(SyncStatus.UPGRADE_REQUIRED);
        assertThat(response.upgradeRequired()).isTrue();
        assertThat(fx.count("select count(*) from visit_events where id = '" + event.id() + "'"))
                .isZero();
    }

    @Test
    void shouldRecordEachKindWithItsFieldsWhenEventsAreComplete() {
        Instant t = Fixtures.NOW.minusSeconds(600);
        List<Event> events = List.of(
                Event.of(UUID.randomUUID(), EventKind.CHECK_IN, amalsVisit, t),
                new Event(UUID.randomUUID(), "TASK_DONE", amalsVisit, t, null, null, "QR", "meds", null, null),
                new Event(
                        UUID.randomUUID(), "TASK_NOT_DONE", amalsVisit, t, null, null, "NFC", "walk", "refused", null),
                new Event(
                        UUID.randomUUID(),
                        "COULD_NOT_DELIVER",
                        amalsVisit,
                        t,
                        null,
                        null,
                        null,
                        null,
                        "no answer",
                        null),
                Event.of(UUID.randomUUID(), EventKind.CHECK_OUT, amalsVisit, t));

        PushResponse response = harness.push(amal, PushRequest.of(device, events));

        assertThat(response.results()).allMatch(r -> r.outcome() == Outcome.ACCEPTED);
        assertThat(fx.count("select count(distinct kind) from visit_events where carer_id = '" + amal + "'"))
                .isEqualTo(5);
    }

    @Test
    void shouldRejectAndQuarantineWhenDeviceIsRevokedOrMissing() {
        harness.push(amal, PushRequest.of(device, List.of(checkIn(amalsVisit))));
        fx.exec("update devices set revoked_at = now() where id = '" + device + "'");

        PushResponse revoked = harness.push(amal, PushRequest.of(device, List.of(checkIn(amalsVisit))));
        PushResponse anonymous = harness.push(
                amal, new PushRequest(SchemaVersions.CURRENT, null, null, null, List.of(checkIn(amalsVisit))));

        assertThat(revoked.results()).extracting(EventResult::reasonCode).containsExactly("DEVICE_REVOKED");
        assertThat(anonymous.results()).extracting(EventResult::reasonCode).containsExactly("MALFORMED");
        assertThat(fx.count("select count(*) from quarantined_events where carer_id = '" + amal + "'"))
                .isEqualTo(2);
    }

    @Test
    void shouldStoreOnceWithoutErrorsWhenTheSameBatchArrivesTwiceAtOnce() {
        UUID newDevice = UUID.randomUUID();
        List<Event> batch = List.of(checkIn(amalsVisit), checkIn(amalsVisit), checkIn(beasVisit));

        List<PushResponse> both = reactor.core.publisher.Flux.merge(
                        harness.sync.push(amal, PushRequest.of(newDevice, batch)),
                        harness.sync.push(amal, PushRequest.of(newDevice, batch)))
                .collectList()
                .block();

        assertThat(both).hasSize(2);
        for (int i = 0; i < 2; i++) {
            int index = i;
            assertThat(both.stream().map(r -> r.results().get(index).outcome()))
                    .containsExactlyInAnyOrder(Outcome.ACCEPTED, Outcome.DUPLICATE);
        }
        assertThat(both)
                .allSatisfy(r -> assertThat(r.results().get(2).reasonCode()).isEqualTo("NOT_ASSIGNED"));
        assertThat(fx.count("select count(*) from visit_events where device_id = '" + newDevice + "'"))
                .isEqualTo(2);
        assertThat(fx.count("select count(*) from quarantined_events where device_id = '" + newDevice + "'"))
                .isEqualTo(1);
    }
}
