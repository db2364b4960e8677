package org.carerota.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The sync endpoints against the running application (demo profile, small demo region, demo users):
 * pull, push, ack, live, coordinators' read receipts and flagged events, calendar feeds, and the
 * carer app's entry.
 */
class SyncApiIntegrationTests extends SyncAppTest {

    private static final String CARER = "carer.norfolk";
    private static final String OTHER_CARER = "carer.waveney";

    private String carerToken;
    private UUID carer;
    private SyncTestApp.Published published;

    @BeforeEach
    void publish() {
        carer = SyncTestApp.carerOf(CARER);
        carerToken = SyncTestApp.token(port, CARER);
        published = SyncTestApp.publishToday(transactions, sync, carer, 3);
    }

    private WebTestClient.ResponseSpec post(String path, String token, Object body) {
        return SyncTestApp.http(port)
                .post()
                .uri(path)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private Map<String, Object> json(WebTestClient.ResponseSpec spec) {
        Map<String, Object> body = spec.expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        return Objects.requireNonNull(body);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> created(Map<String, Object> pull) {
        Map<String, Object> changes = (Map<String, Object>) pull.get("changes");
        return (List<Map<String, Object>>) ((Map<String, Object>) changes.get("visits")).get("created");
    }

    private Map<String, Object> snapshot(String token) {
        return json(post("/sync/pull", token, Map.of("schemaVersion", 1)));
    }

    private static Map<String, Object> event(UUID id, String kind, Object visitId, Object deviceTime) {
        Map<String, Object> event = new HashMap<>();
        event.put("id", id.toString());
        event.put("kind", kind);
        event.put("visitId", visitId.toString());
        event.put("deviceTime", deviceTime.toString());
        return event;
    }

    private Map<String, Object> push(String token, String deviceId, List<Map<String, Object>> events) {
        return json(post("/sync/push", token, Map.of("schemaVersion", 1, "deviceId", deviceId, "events", events)));
    }

    // --- pull -------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void shouldReturnSnapshotOfOwnVisitsOnlyWhenCarerPullsWithoutCheckpoint() {
        Map<String, Object> pull = snapshot(carerToken);
        assertThat(pull).containsEntry("status", "OK").containsEntry("snapshot", true);
        assertThat(created(pull))
                .extracting(v -> UUID.fromString((String) v.get("visitId")))
                .containsExactlyInAnyOrderElementsOf(published.visitIds());
        assertThat((String) pull.get("serverTime")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        Map<String, Object> notes =
                (Map<String, Object>) ((Map<String, Object>) pull.get("changes")).get("accessNotes");
        assertThat(notes).containsEntry("validOn", SyncTestApp.today().toString());
        assertThat((List<Map<String, Object>>) notes.get("updated"))
                .as("today's access notes, decrypted for the assigned carer")
                .isNotEmpty()
                .allSatisfy(note -> assertThat((String) note.get("text")).isNotBlank());
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldAuditTheRevealedAccessNotesWhenCarerPulls() {
        String audits = "select count(*) from audit_events where operation = 'REVEAL_ACCESS_NOTES'"
                + " and actor_role = 'CARER' and actor_username = ?";
        long before = SyncTestApp.count(audits, CARER);
        Map<String, Object> pull = snapshot(carerToken);
        List<String> revealed = ((List<Map<String, Object>>)
                        ((Map<String, Object>) ((Map<String, Object>) pull.get("changes")).get("accessNotes"))
                                .get("updated"))
                .stream()
                        .map(note -> (String) note.get("serviceUserId"))
                        .sorted()
                        .toList();
        assertThat(revealed).isNotEmpty();
        assertThat(SyncTestApp.count(audits, CARER))
                .as("one audit row per pull that revealed notes")
                .isEqualTo(before + 1);
        assertThat(SyncTestApp.one(
                        "select array_to_string(array(select unnest(record_ids)::text order by 1), ',')"
                                + " from audit_events where operation = 'REVEAL_ACCESS_NOTES' and actor_username = ?"
                                + " order by occurred_at desc, id desc limit 1",
                        CARER))
                .isEqualTo(String.join(",", revealed));
    }

    /**
     * The pull finds the notes a carer may read with {@code sync_access_notes_today} (V0500), one
     * set-based query: it must allow exactly what {@code rls_may_read_access_notes} allows, for the
     * carer (also once a visit of today is cancelled) and for no other role.
     */
    @Test
    void shouldRevealTheSameAccessNotesAsTheRowLevelRuleWhenCarerReadsThemInOneQuery() throws Exception {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                SyncTestApp.SERVER.jdbcUrl(SyncTestApp.DATABASE),
                SyncTestApp.SERVER.user(),
                SyncTestApp.SERVER.password())) {
            connection.setAutoCommit(false);
            String rule = "select coalesce(string_agg(id::text, ',' order by id), '') from service_users"
                    + " where access_notes_ciphertext is not null and rls_may_read_access_notes(id, organisation_id)";
            String setBased = "select coalesce(string_agg(service_user_id::text, ',' order by service_user_id), '')"
                    + " from sync_access_notes_today(array(select id from service_users), rls_role())";
            actAs(connection, "CARER");
            String allowed = single(connection, rule);
            assertThat(allowed).as("the carer has notes to read today").isNotEmpty();
            assertThat(single(connection, setBased)).isEqualTo(allowed);

            try (java.sql.Statement cancel = connection.createStatement()) {
                cancel.execute("update visits set status = 'CANCELLED', cancelled_at = now() where id = '"
                        + published.visitIds().get(0) + "'");
            }
            actAs(connection, "CARER");
            assertThat(single(connection, setBased)).isEqualTo(single(connection, rule));

            actAs(connection, "COORDINATOR");
            assertThat(single(connection, setBased))
                    .as("other roles get nothing")
                    .isEmpty();
            connection.rollback();
        }
    }

    private void actAs(java.sql.Connection connection, String role) throws java.sql.SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement(
                "select set_config('carerota.role', ?, true), set_config('carerota.carer_id', ?, true),"
                        + " set_config('carerota.organisation_id', ?, true)")) {
            statement.setString(1, role);
            statement.setString(2, carer.toString());
            statement.setString(3, SyncTestApp.organisationOf(CARER).toString());
            statement.execute();
        }
    }

    private static String single(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        try (java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    @Test
    void shouldNotSeeAnotherCarersVisitsWhenOtherCarerPulls() {
        Map<String, Object> pull = snapshot(SyncTestApp.token(port, OTHER_CARER));
        assertThat(created(pull))
                .extracting(v -> UUID.fromString((String) v.get("visitId")))
                .doesNotContainAnyElementsOf(published.visitIds());
    }

    @Test
    void shouldAnswerOnlyTheNewVisitWhenPulledAfterCheckpointAndRotaChanged() {
        String checkpoint = (String) snapshot(carerToken).get("checkpoint");
        SyncTestApp.Published more = SyncTestApp.publishToday(transactions, sync, carer, 4);
        Map<String, Object> pull =
                json(post("/sync/pull", carerToken, Map.of("schemaVersion", 1, "checkpoint", checkpoint)));
        assertThat(pull).containsEntry("snapshot", false).containsEntry("hasMore", false);
        assertThat(created(pull))
                .extracting(v -> UUID.fromString((String) v.get("visitId")))
                .containsExactly(more.visitIds().get(3));
    }

    @Test
    void shouldAnswerUpgradeRequiredWhenSchemaVersionUnsupported() {
        Map<String, Object> pull = json(post("/sync/pull", carerToken, Map.of("schemaVersion", 99)));
        assertThat(pull).containsEntry("status", "UPGRADE_REQUIRED").containsEntry("upgradeRequired", true);
        Map<String, Object> push =
                json(post("/sync/push", carerToken, Map.of("schemaVersion", 0, "events", List.of())));
        assertThat(push).containsEntry("status", "UPGRADE_REQUIRED");
    }

    @Test
    void shouldAnswerResetWhenCheckpointBelongsToAnotherCarer() {
        String foreign = (String) snapshot(SyncTestApp.token(port, OTHER_CARER)).get("checkpoint");
        Map<String, Object> pull =
                json(post("/sync/pull", carerToken, Map.of("schemaVersion", 1, "checkpoint", foreign)));
        assertThat(pull).containsEntry("status", "RESET").containsEntry("reset", true);
        Map<String, Object> garbage =
                json(post("/sync/pull", carerToken, Map.of("schemaVersion", 1, "checkpoint", "x.y.z")));
        assertThat(garbage).containsEntry("status", "RESET");
    }

    @Test
    void shouldAnswer400WhenBodyIsNotAJsonObject() {
        post("/sync/pull", carerToken, "[1,2]").expectStatus().isBadRequest();
        SyncTestApp.http(port)
                .post()
                .uri("/sync/push")
                .header("Authorization", "Bearer " + carerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.message")
                .isEqualTo("the body is not JSON");
    }

    @Test
    void shouldAnswer401WhenNoTokenAnd403WhenCallerIsNotACarer() {
        SyncTestApp.http(port)
                .post()
                .uri("/sync/pull")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("schemaVersion", 1))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        post("/sync/pull", SyncTestApp.token(port, "coordinator.norfolk"), Map.of("schemaVersion", 1))
                .expectStatus()
                .isForbidden();
        post("/sync/push", SyncTestApp.token(port, "commissioner.icb"), Map.of("schemaVersion", 1))
                .expectStatus()
                .isForbidden();
    }

    @Test
    void shouldAnswer413WhenPushIsLargerThanTheLimit() {
        String huge = "{\"schemaVersion\":1,\"events\":[],\"pad\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        SyncTestApp.http(port)
                .post()
                .uri("/sync/push")
                .header("Authorization", "Bearer " + carerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(huge)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }

    // --- push -------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void shouldAnswerEachEventOnItsOwnWhenBatchMixesGoodDuplicateAndBadEvents() {
        String device = UUID.randomUUID().toString();
        UUID visit = published.visitIds().get(0);
        Instant now = Instant.now();
        UUID good = UUID.randomUUID();
        UUID otherCarersVisit = SyncTestApp.publishToday(transactions, sync, SyncTestApp.carerOf(OTHER_CARER), 1)
                .visitIds()
                .get(0);
        Map<String, Object> badTime = event(UUID.randomUUID(), "CHECK_OUT", visit, "yesterday");
        Map<String, Object> badId = event(UUID.randomUUID(), "CHECK_IN", visit, now);
        badId.put("id", "not-a-uuid");
        Map<String, Object> longNote = event(UUID.randomUUID(), "NOTE", visit, now);
        longNote.put("note", "n".repeat(4001));
        Map<String, Object> note = event(UUID.randomUUID(), "NOTE", visit, now);
        note.put("note", "Skin on left heel red,\r\nGP informed");
        List<Map<String, Object>> events = List.of(
                event(good, "CHECK_IN", visit, now),
                event(good, "CHECK_IN", visit, now),
                badTime,
                badId,
                event(UUID.randomUUID(), "DANCE", visit, now),
                event(UUID.randomUUID(), "CHECK_IN", otherCarersVisit, now),
                event(UUID.randomUUID(), "CHECK_IN", visit, now.minus(Duration.ofDays(400))),
                longNote,
                note);
        Map<String, Object> answer = push(carerToken, device, events);
        List<Map<String, Object>> results = (List<Map<String, Object>>) answer.get("results");
        assertThat(results)
                .extracting(r -> r.get("outcome") + ":" + r.get("reasonCode"))
                .containsExactly(
                        "ACCEPTED:null",
                        "DUPLICATE:null",
                        "REJECTED:MALFORMED",
                        "REJECTED:MALFORMED",
                        "REJECTED:UNKNOWN_KIND",
                        "REJECTED:UNKNOWN_VISIT",
                        "REJECTED:TIMESTAMP_OUT_OF_RANGE",
                        "REJECTED:NOTE_TOO_LONG",
                        "ACCEPTED:null");
        assertThat((String) results.get(2).get("reason")).contains("deviceTime is not an ISO-8601");
        assertThat((String) results.get(3).get("reason")).contains("id is not a UUID");
        assertThat(SyncTestApp.count("select count(*) from visit_events where id = ?::uuid", good.toString()))
                .isEqualTo(1);
        assertThat(SyncTestApp.count("select count(*) from quarantined_events where device_id = ?::uuid", device))
                .isEqualTo(6);
        assertThat(SyncTestApp.one("select note from visit_events where id = ?::uuid", (String) note.get("id")))
                .isEqualTo("Skin on left heel red,\nGP informed");

        Map<String, Object> retry = push(carerToken, device, List.of(event(good, "CHECK_IN", visit, now)));
        assertThat((List<Map<String, Object>>) retry.get("results"))
                .extracting(r -> r.get("outcome"))
                .containsExactly("DUPLICATE");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldApplyTheFirst500AndAskForTheRestAgainWhenBatchIsOversize() {
        String device = UUID.randomUUID().toString();
        UUID visit = published.visitIds().get(0);
        Instant now = Instant.now();
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        for (int i = 0; i < 502; i++) {
            Map<String, Object> note = event(UUID.randomUUID(), "NOTE", visit, now);
            note.put("note", "note " + i);
            events.add(note);
        }
        List<Map<String, Object>> results =
                (List<Map<String, Object>>) push(carerToken, device, events).get("results");
        assertThat(results).hasSize(502);
        assertThat(results.subList(0, 500)).allSatisfy(r -> assertThat(r).containsEntry("outcome", "ACCEPTED"));
        assertThat(results.subList(500, 502)).allSatisfy(r -> assertThat(r)
                .containsEntry("outcome", "REJECTED")
                .containsEntry("reasonCode", "BATCH_TOO_LARGE")
                .containsEntry("retryable", true));
        assertThat(SyncTestApp.count("select count(*) from visit_events where device_id = ?::uuid", device))
                .isEqualTo(500);
        assertThat(SyncTestApp.count("select count(*) from quarantined_events where device_id = ?::uuid", device))
                .as("a retryable rejection is not quarantined")
                .isZero();

        List<Map<String, Object>> again = (List<Map<String, Object>>)
                push(carerToken, device, events.subList(500, 502)).get("results");
        assertThat(again).extracting(r -> r.get("outcome")).containsExactly("ACCEPTED", "ACCEPTED");
        assertThat(SyncTestApp.count("select count(*) from visit_events where device_id = ?::uuid", device))
                .isEqualTo(502);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldRejectAllEventsWhenDeviceBelongsToAnotherCarer() {
        String device = UUID.randomUUID().toString();
        UUID visit = published.visitIds().get(0);
        push(carerToken, device, List.of(event(UUID.randomUUID(), "NOTE", visit, Instant.now())));
        Map<String, Object> answer = push(
                SyncTestApp.token(port, OTHER_CARER),
                device,
                List.of(event(UUID.randomUUID(), "CHECK_IN", visit, Instant.now())));
        assertThat((List<Map<String, Object>>) answer.get("results"))
                .extracting(r -> r.get("reasonCode"))
                .containsExactly("DEVICE_NOT_OWNED");
    }

    // --- read receipts, coordinators ---------------------------------------------------------------

    @Test
    void shouldListCarerUntilADeviceAcknowledgesWhenCoordinatorAsksForReadReceipts() {
        String coordinator = SyncTestApp.token(port, "coordinator.norfolk");
        SyncTestApp.Published plan = SyncTestApp.publishToday(transactions, sync, carer, 5);
        String path = "/sync/plans/" + plan.planId() + "/carers-not-up-to-date";
        SyncTestApp.http(port)
                .get()
                .uri(path)
                .header("Authorization", "Bearer " + coordinator)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.carerId == '" + carer + "')]")
                .exists();
        String checkpoint = (String) snapshot(carerToken).get("checkpoint");
        Map<String, Object> ack = json(post(
                "/sync/ack", carerToken, Map.of("deviceId", UUID.randomUUID().toString(), "checkpoint", checkpoint)));
        assertThat(ack).containsEntry("stored", true);
        SyncTestApp.http(port)
                .get()
                .uri(path)
                .header("Authorization", "Bearer " + coordinator)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.carerId == '" + carer + "')]")
                .doesNotExist();
        SyncTestApp.http(port)
                .get()
                .uri(path)
                .header("Authorization", "Bearer " + carerToken)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void shouldAnswer400WhenAckHasNoDevice() {
        post("/sync/ack", carerToken, Map.of("checkpoint", "1.x.1"))
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void shouldListFlaggedEventsWhenCoordinatorAsksAndRefuseCarers() {
        String device = UUID.randomUUID().toString();
        Map<String, Object> skewed = event(
                UUID.randomUUID(),
                "CHECK_IN",
                published.visitIds().get(1),
                Instant.now().plus(Duration.ofHours(2)));
        push(carerToken, device, List.of(skewed));
        SyncTestApp.http(port)
                .get()
                .uri("/sync/flagged-events?since=" + Instant.now().minus(Duration.ofHours(1)))
                .header("Authorization", "Bearer " + SyncTestApp.token(port, "coordinator.norfolk"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.eventId == '" + skewed.get("id") + "')].flags[0]")
                .isEqualTo("CLOCK_SKEW");
        SyncTestApp.http(port)
                .get()
                .uri("/sync/flagged-events?since=yesterday")
                .header("Authorization", "Bearer " + SyncTestApp.token(port, "coordinator.norfolk"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        SyncTestApp.http(port)
                .get()
                .uri("/sync/flagged-events")
                .header("Authorization", "Bearer " + carerToken)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    // --- live ---------------------------------------------------------------------------------------

    @Test
    void shouldTellTheCarersStreamWhenTheirRotaChanges() {
        Flux<ServerSentEvent<String>> stream = WebClient.create("http://localhost:" + port)
                .get()
                .uri("/sync/live")
                .header("Authorization", "Bearer " + carerToken)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .filter(e -> e.event() != null);
        StepVerifier.create(stream)
                .assertNext(e -> assertThat(e.event()).isEqualTo("ready"))
                .then(() -> SyncTestApp.publishToday(transactions, sync, carer, 4))
                .assertNext(e -> assertThat(e.event()).isEqualTo("changes"))
                .thenCancel()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void shouldAnswer401WhenStreamOpenedWithoutToken() {
        SyncTestApp.http(port).get().uri("/sync/live").exchange().expectStatus().isUnauthorized();
    }

    // --- calendar -----------------------------------------------------------------------------------

    @Test
    void shouldAnswer410WhenCalendarTokenRevokedAndServeItBefore() {
        Map<?, ?> created = SyncTestApp.http(port)
                .post()
                .uri("/sync/calendar-tokens")
                .header("Authorization", "Bearer " + carerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "My phone"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String path = (String) Objects.requireNonNull(created).get("path");
        assertThat(SyncTestApp.count(
                        "select count(*) from calendar_feed_tokens where token_hash = sha256(convert_to(?, 'UTF8'))",
                        (String) created.get("token")))
                .isEqualTo(1);
        String calendar = SyncTestApp.http(port)
                .get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/calendar")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(calendar)
                .startsWith("BEGIN:VCALENDAR\r\n")
                .contains("UID:" + published.visitIds().get(0) + "@carerota")
                .doesNotContain("Key safe")
                .endsWith("END:VCALENDAR\r\n");

        SyncTestApp.http(port)
                .get()
                .uri("/sync/calendar-tokens")
                .header("Authorization", "Bearer " + carerToken)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + created.get("id") + "')].label")
                .isEqualTo("My phone");
        SyncTestApp.http(port)
                .delete()
                .uri("/sync/calendar-tokens/" + created.get("id"))
                .header("Authorization", "Bearer " + SyncTestApp.token(port, OTHER_CARER))
                .exchange()
                .expectStatus()
                .isNotFound();
        SyncTestApp.http(port)
                .delete()
                .uri("/sync/calendar-tokens/" + created.get("id"))
                .header("Authorization", "Bearer " + carerToken)
                .exchange()
                .expectStatus()
                .isNoContent();
        SyncTestApp.http(port).get().uri(path).exchange().expectStatus().isEqualTo(HttpStatus.GONE);
        SyncTestApp.http(port)
                .post()
                .uri("/sync/calendar-tokens")
                .header("Authorization", "Bearer " + SyncTestApp.token(port, "coordinator.norfolk"))
                .exchange()
                .expectStatus()
                .isForbidden();
        SyncTestApp.http(port)
                .get()
                .uri("/calendar/" + "A".repeat(43) + ".ics")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    // --- the app ------------------------------------------------------------------------------------

    @Test
    void shouldServeTheCarerAppWithoutATokenWhenAppPathRequested() {
        SyncTestApp.http(port)
                .get()
                .uri("/app")
                .exchange()
                .expectStatus()
                .isPermanentRedirect()
                .expectHeader()
                .location("/app/");
        SyncTestApp.http(port)
                .get()
                .uri("/app/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(html -> assertThat(html).contains("manifest.webmanifest"));
        for (String file : List.of("/app/sw.js", "/app/js/main.js", "/app/manifest.webmanifest", "/app/app.css")) {
            SyncTestApp.http(port).get().uri(file).exchange().expectStatus().isOk();
        }
    }
}
