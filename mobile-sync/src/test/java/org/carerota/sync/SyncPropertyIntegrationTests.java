package org.carerota.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.carerota.sync.protocol.Event;
import org.carerota.sync.protocol.EventResult;
import org.carerota.sync.protocol.Outcome;
import org.carerota.sync.protocol.PullResponse;
import org.carerota.sync.protocol.PushRequest;
import org.carerota.sync.protocol.PushResponse;
import org.carerota.sync.protocol.SyncStatus;
import org.carerota.sync.protocol.VisitPayload;
import org.carerota.sync.testdata.Fixtures;
import org.carerota.sync.testdata.Fixtures.Org;
import org.carerota.sync.testdata.SyncHarness;
import org.jspecify.annotations.Nullable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Random sessions of one device against the real database: events recorded offline, pushed in
 * batches that repeat and reorder events, responses lost (the device retries what it did not hear
 * about), pulls with small pages, pulls whose answers are lost, and re-plans that move visits
 * between carers meanwhile. Afterwards: every event is stored exactly once (none lost, none
 * duplicated), and the schedule the device built from its pulls equals a fresh snapshot.
 */
class SyncPropertyIntegrationTests {

    private static final SyncHarness harness = new SyncHarness();
    private static final int VISITS = 6;

    sealed interface Action permits Record, Push, Pull, Replan {}

    /** The carer records {@code count} events offline. */
    record Record(int count, int visitSeed) implements Action {}

    /** The device sends up to {@code size} events from its outbox. */
    record Push(int size, boolean shuffle, boolean repeatOne, boolean responseLost) implements Action {}

    /** The device pulls (pages of {@code limit}); the answer may be lost. */
    record Pull(int limit, boolean responseLost) implements Action {}

    /** The coordinator re-plans: each visit goes to the device's carer or to the other. */
    record Replan(List<Boolean> toDeviceCarer) implements Action {}

    @Provide
    Arbitrary<List<Action>> sessions() {
        Arbitrary<Action> record = Combinators.combine(
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(0, 1000))
                .as(Record::new);
        Arbitrary<Action> push = Combinators.combine(
                        Arbitraries.integers().between(1, 8),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as(Push::new);
        Arbitrary<Action> pull = Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.of(true, false))
                .as(Pull::new);
        Arbitrary<Action> replan =
                Arbitraries.of(true, false).list().ofSize(VISITS).map(Replan::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, record),
                        net.jqwik.api.Tuple.of(4, push),
                        net.jqwik.api.Tuple.of(3, pull),
                        net.jqwik.api.Tuple.of(1, replan))
                .list()
                .ofMinSize(3)
                .ofMaxSize(14);
    }

    @Property(tries = 50, shrinking = ShrinkingMode.OFF)
    void shouldStoreEveryEventOnceAndConvergeWhenDeviceSessionIsHostile(@ForAll("sessions") List<Action> session) {
        Fixtures fx = harness.fixtures;
        Org org = fx.organisation("Property Care");
        UUID carer = fx.carer(org, "Amal");
        UUID other = fx.carer(org, "Bea");
        UUID su = fx.serviceUser(org, "Mrs Jones");
        List<UUID> visits = new ArrayList<>();
        for (int i = 0; i < VISITS; i++) {
            visits.add(fx.visit(org, su, Fixtures.TODAY.plusDays(i % 3), LocalTime.of(8 + i, 0), 30, 1));
        }
        UUID first = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY.plusDays(2));
        for (int i = 0; i < VISITS; i++) {
            fx.assign(org, first, visits.get(i), carer, 0, i);
        }
        harness.publish(first);
        Device device = new Device(carer);
        Random random = new Random(session.hashCode());

        for (Action action : session) {
            if (action instanceof Record r) {
                for (int i = 0; i < r.count(); i++) {
                    device.record(visits.get((r.visitSeed() + i) % VISITS), random);
                }
            } else if (action instanceof Push p) {
                device.push(p, random);
            } else if (action instanceof Pull p) {
                device.pull(p.limit(), p.responseLost());
            } else if (action instanceof Replan r) {
                UUID plan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY.plusDays(2));
                for (int i = 0; i < VISITS; i++) {
                    fx.assign(org, plan, visits.get(i), r.toDeviceCarer().get(i) ? carer : other, 0, i);
                }
                harness.publish(plan);
            }
        }
        device.drain();
        device.pull(3, false);

        Set<UUID> generated = device.generated.keySet();
        Map<UUID, Long> stored = harness.database
                .admin()
                .sql("select id, count(*) as n from visit_events where carer_id = :carer group by id")
                .bind("carer", carer)
                .map((row, meta) -> Map.entry(row.get("id", UUID.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block();
        assertThat(stored.keySet()).as("no event lost").containsExactlyInAnyOrderElementsOf(generated);
        assertThat(stored.values()).as("none duplicated").allMatch(n -> n == 1L);
        assertThat(device.outbox).as("outbox drained").isEmpty();
        assertThat(device.rejected)
                .as("every visit was published to the carer once")
                .isEmpty();

        PullResponse fresh = harness.pull(carer, null, 1000);
        Map<UUID, VisitPayload> expected =
                fresh.changes().visits().created().stream().collect(Collectors.toMap(VisitPayload::visitId, v -> v));
        Map<UUID, VisitPayload> held = device.schedule.entrySet().stream()
                .filter(e -> !e.getValue().serviceDate().isBefore(Fixtures.TODAY))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(held).as("the device converges to the server").isEqualTo(expected);
    }

    /** A carer's phone: an outbox, a schedule built from pulls, and a checkpoint. */
    private static final class Device {
        final UUID carer;
        final UUID id = UUID.randomUUID();
        final Map<UUID, Event> generated = new HashMap<>();
        final List<Event> outbox = new ArrayList<>();
        final Set<UUID> rejected = new HashSet<>();
        final Map<UUID, VisitPayload> schedule = new HashMap<>();

        @Nullable
        String checkpoint;

        Device(UUID carer) {
            this.carer = carer;
        }

        void record(UUID visit, Random random) {
            String kind = List.of("CHECK_IN", "CHECK_OUT", "NOTE", "TASK_DONE").get(random.nextInt(4));
            Event event = new Event(
                    UUID.randomUUID(),
                    kind,
                    visit,
                    Fixtures.NOW.minusSeconds(random.nextInt(3600)),
                    null,
                    null,
                    null,
                    kind.equals("TASK_DONE") ? "meds" : null,
                    null,
                    kind.equals("NOTE") ? "All well" : null);
            generated.put(event.id(), event);
            outbox.add(event);
        }

        void push(Push p, Random random) {
            if (outbox.isEmpty()) {
                return;
            }
            List<Event> batch = new ArrayList<>(outbox);
            if (p.shuffle()) {
                Collections.shuffle(batch, random);
            }
            batch = new ArrayList<>(batch.subList(0, Math.min(p.size(), batch.size())));
            if (p.repeatOne()) {
                batch.add(batch.get(random.nextInt(batch.size())));
            }
            PushResponse response = harness.push(carer, PushRequest.of(id, batch));
            if (p.responseLost()) {
                return;
            }
            for (EventResult result : response.results()) {
                if (result.outcome() == Outcome.REJECTED && !result.retryable()) {
                    rejected.add(result.eventId());
                }
                if (result.outcome() != Outcome.REJECTED || !result.retryable()) {
                    outbox.removeIf(e -> e.id().equals(result.eventId()));
                }
            }
        }

        void drain() {
            int rounds = 0;
            while (!outbox.isEmpty() && rounds++ < 100) {
                push(new Push(5, false, false, false), new Random(rounds));
            }
        }

        void pull(int limit, boolean responseLost) {
            PullResponse page;
            int rounds = 0;
            do {
                page = harness.pull(carer, checkpoint, limit);
                if (responseLost) {
                    return;
                }
                if (page.status() == SyncStatus.RESET) {
                    schedule.clear();
                    checkpoint = null;
                    continue;
                }
                if (page.snapshot() && checkpoint == null) {
                    schedule.clear();
                }
                page.changes().visits().created().forEach(v -> schedule.put(v.visitId(), v));
                page.changes().visits().updated().forEach(v -> schedule.put(v.visitId(), v));
                page.changes().visits().deleted().forEach(schedule::remove);
                checkpoint = page.checkpoint();
            } while ((page.hasMore() || page.status() == SyncStatus.RESET) && rounds++ < 1000);
        }
    }
}
