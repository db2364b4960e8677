package org.carerota.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carerota.api.security.TenantFixture.CARER_A1;
import static org.carerota.api.security.TenantFixture.CARER_B1;
import static org.carerota.api.security.TenantFixture.ORG_A;
import static org.carerota.api.security.TenantFixture.ORG_B;
import static org.carerota.api.security.TenantFixture.ORG_C;
import static org.carerota.api.security.TenantFixture.SERVICE_USER_A1;
import static org.carerota.api.security.TenantFixture.SERVICE_USER_A2;
import static org.carerota.api.security.TenantFixture.SERVICE_USER_B1;
import static org.carerota.api.security.TenantFixture.VISIT_A1;
import static org.carerota.api.security.TenantFixture.VISIT_B1;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerota.api.support.GraphQl;
import org.carerota.api.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The attack catalogue of issue 3 against the running application (outside the demo profile,
 * tokens from {@link TestTokens}), on {@link TenantFixture}'s two providers and a council.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiSecurityIntegrationTests {

    private static final TenantFixture fixture = new TenantFixture("apisec");
    private static final String QUERY = "{ organisations { id name } }";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        fixture.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    AccessNotes accessNotes;

    @Autowired
    org.carerota.api.shared.database.Transactions transactions;

    @Autowired
    org.springframework.security.oauth2.jwt.ReactiveJwtDecoder decoder;

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    private HttpGraphQlTester as(String token) {
        return GraphQl.withToken(port, token);
    }

    // --- authentication --------------------------------------------------------------------

    @Test
    void shouldCheckAnAcceptedTokensSignatureOnceWhenItIsSentAgain() {
        assertThat(decoder).isInstanceOf(CachingJwtDecoder.class);
        String token = TestTokens.coordinator(ORG_A);
        Jwt first = decoder.decode(token).block();
        assertThat(decoder.decode(token).block()).isSameAs(first);
        // and the HTTP chain uses it: a request with the token is still authenticated
        as(token).document("{ organisations { id } }").execute().errors().verify();
    }

    @Test
    void shouldAnswer401WhenAnonymous() {
        http().post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", QUERY))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http().get()
                .uri("/graphql?query={organisations{id}}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void shouldAnswer401WhenTokenForged() {
        String forged = TestTokens.sign(
                TestTokens.generate(),
                "mallory",
                "ADMIN",
                ORG_A,
                null,
                Instant.now().plusSeconds(600));
        postGraphQl(forged).expectStatus().isUnauthorized();
    }

    @Test
    void shouldAnswer401WhenTokenExpired() {
        String expired = TestTokens.expiring(
                "coordinator.a", "COORDINATOR", ORG_A, Instant.now().minusSeconds(3600));
        postGraphQl(expired).expectStatus().isUnauthorized();
    }

    @Test
    void shouldAnswer401WhenTokenIsGarbage() {
        postGraphQl("not.a.token").expectStatus().isUnauthorized();
        postGraphQl("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6IkFETUlOIn0.")
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void shouldNotExistWhenDemoTokenRequestedOutsideDemoProfile() {
        http().post()
                .uri("/demo/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", "coordinator.a"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http().post()
                .uri("/demo/token")
                .header("Authorization", "Bearer " + TestTokens.coordinator(ORG_A))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", "coordinator.a"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void shouldAnswerHealthWhenAnonymous() {
        http().get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    // --- tenancy --------------------------------------------------------------------------------

    @Test
    void shouldFindNothingWhenCoordinatorOfAReadsOrganisationBRowsById() {
        HttpGraphQlTester a = as(TestTokens.coordinator(ORG_A));
        assertNull(a, "serviceUser", "{ serviceUser(id: \"" + SERVICE_USER_B1 + "\") { id name } }");
        assertNull(a, "visit", "{ visit(id: \"" + VISIT_B1 + "\") { id } }");
        assertNull(a, "carer", "{ carer(id: \"" + CARER_B1 + "\") { id name } }");
        assertNull(a, "organisation", "{ organisation(id: \"" + ORG_B + "\") { id name } }");
        List<String> names = a.document("{ serviceUsers(first: 50) { edges { node { name } } } }")
                .execute()
                .path("serviceUsers.edges[*].node.name")
                .entityList(String.class)
                .get();
        assertThat(names).containsExactlyInAnyOrder("Dora A1", "Ed A2", "Gus A3");
    }

    @Test
    void shouldSeeOwnRowsWhenCoordinatorOfAReadsThemById() {
        as(TestTokens.coordinator(ORG_A))
                .document("{ serviceUser(id: \"" + SERVICE_USER_A1 + "\") { name } }")
                .execute()
                .path("serviceUser.name")
                .entity(String.class)
                .isEqualTo("Dora A1");
    }

    @Test
    void shouldSeeOnlyOwnVisitsWhenCarerEnumeratesVisits() {
        HttpGraphQlTester carer = as(TestTokens.token("carer.a1", "CARER", ORG_A, CARER_A1));
        String today = fixture.today.toString();
        List<String> visits = carer.document("{ visits(from: \"" + today + "\", to: \"" + today
                        + "\", first: 50) { edges { node { id } } } }")
                .execute()
                .path("visits.edges[*].node.id")
                .entityList(String.class)
                .get();
        assertThat(visits).containsExactly(VISIT_A1.toString());
        assertNull(carer, "serviceUser", "{ serviceUser(id: \"" + SERVICE_USER_A2 + "\") { name } }");
        List<String> people = carer.document("{ serviceUsers(first: 50) { edges { node { id } } } }")
                .execute()
                .path("serviceUsers.edges[*].node.id")
                .entityList(String.class)
                .get();
        assertThat(people)
                .containsExactlyInAnyOrder(SERVICE_USER_A1.toString(), TenantFixture.SERVICE_USER_A3.toString());
        List<String> carers = carer.document("{ carers(first: 50) { edges { node { id } } } }")
                .execute()
                .path("carers.edges[*].node.id")
                .entityList(String.class)
                .get();
        assertThat(carers).containsExactly(CARER_A1.toString());
        carer.document("{ carer(id: \"" + CARER_A1 + "\") { name pool { name organisation { name } } } }")
                .execute()
                .path("carer.pool.name")
                .entity(String.class)
                .isEqualTo("Pool A")
                .path("carer.pool.organisation.name")
                .entity(String.class)
                .isEqualTo("Provider A");
    }

    @Test
    void shouldForbidWhenCommissionerAsksForPersonLevelData() {
        HttpGraphQlTester commissioner = as(TestTokens.commissioner(ORG_C));
        for (String query : List.of(
                "{ serviceUsers(first: 5) { edges { node { name } } } }",
                "{ serviceUser(id: \"" + SERVICE_USER_A1 + "\") { name } }",
                "{ carers(first: 5) { edges { node { name } } } }",
                "{ visits(from: \"2026-11-23\", to: \"2026-11-23\", first: 5) { edges { node { id } } } }")) {
            commissioner.document(query).execute().errors().satisfy(errors -> assertThat(errors)
                    .isNotEmpty()
                    .allSatisfy(error -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")));
        }
    }

    @Test
    void shouldGetNothingWhenTokenClaimsSystemRole() {
        HttpGraphQlTester system = as(TestTokens.token("mallory", "SYSTEM", ORG_A, null));
        system.document("{ serviceUsers(first: 5) { edges { node { name } } } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error.getExtensions())
                        .containsEntry("code", "FORBIDDEN")));
    }

    @Test
    void shouldRecordAuditEventWhenServiceUserRead() throws SQLException {
        as(TestTokens.token("coordinator.a", "COORDINATOR", ORG_A, null))
                .document("{ serviceUser(id: \"" + SERVICE_USER_A2 + "\") { name } }")
                .execute()
                .path("serviceUser.name")
                .entity(String.class)
                .isEqualTo("Ed A2");
        assertThat(fixture.asOwner(
                        "select actor_username || ' ' || actor_role || ' ' || operation || ' ' || organisation_id"
                                + " from audit_events where ? = any (record_ids) and table_name = 'service_users'",
                        SERVICE_USER_A2))
                .contains("coordinator.a COORDINATOR READ " + ORG_A);
    }

    // --- hostile input ---------------------------------------------------------------------

    @Test
    void shouldTreatInjectionAsDataWhenPassedAsArgument() throws SQLException {
        as(TestTokens.coordinator(ORG_A))
                .document("query($skill: String) { carers(first: 5, skill: $skill) { edges { node { id } } } }")
                .variable("skill", "x' or '1'='1'; drop table carers; --")
                .execute()
                .path("carers.edges")
                .entityList(Object.class)
                .hasSize(0);
        assertThat(fixture.asOwner("select count(*)::text from carers")).containsExactly("3");
    }

    @Test
    void shouldStoreAndRevealInjectionLiterallyWhenInAccessNotes() throws SQLException {
        String hostile = "Key safe 1234'); delete from service_users; -- \"<script>";
        AccessNotes.Sealed sealed = accessNotes.seal(SERVICE_USER_A1, hostile);
        try (var connection = fixture.owner();
                var statement = connection.prepareStatement("update service_users set access_notes_ciphertext = ?,"
                        + " access_notes_key_id = ? where id = ?")) {
            statement.setBytes(1, sealed.ciphertext());
            statement.setString(2, sealed.keyId());
            statement.setObject(3, SERVICE_USER_A1);
            statement.executeUpdate();
        }
        assertThat(revealAs("coordinator.a", "COORDINATOR", ORG_A, null)).contains(hostile);
        assertThat(revealAs("carer.a1", "CARER", ORG_A, CARER_A1)).contains(hostile);
        assertThat(revealAs("coordinator.b", "COORDINATOR", ORG_B, null)).isEmpty();
        assertThat(revealAs("commissioner.c", "COMMISSIONER", ORG_C, null)).isEmpty();
        assertThat(fixture.asOwner("select count(*)::text from service_users")).containsExactly("4");
        assertThat(fixture.asOwner("select actor_username from audit_events where operation = 'REVEAL_ACCESS_NOTES'"))
                .contains("coordinator.a", "carer.a1")
                .doesNotContain("coordinator.b");
    }

    @Test
    void shouldRevealAccessNotesOnlyToCarerAssignedTodayAndOwningStaffWhenQueried() throws SQLException {
        seal(TenantFixture.SERVICE_USER_A3, "Key safe 9911");
        seal(SERVICE_USER_A2, "Key safe 2222");
        String query = "{ serviceUsers(first: 10) { edges { node { name accessNotes } } } }";
        var staff = as(TestTokens.coordinator(ORG_A)).document(query).execute();
        staff.path("serviceUsers.edges[?(@.node.name == 'Gus A3')].node.accessNotes")
                .entityList(String.class)
                .containsExactly("Key safe 9911");
        staff.path("serviceUsers.edges[?(@.node.name == 'Ed A2')].node.accessNotes")
                .entityList(String.class)
                .containsExactly("Key safe 2222");
        // carer A1 visits A3 tomorrow, not today: no notes
        as(TestTokens.carer(ORG_A, CARER_A1))
                .document("{ serviceUser(id: \"" + TenantFixture.SERVICE_USER_A3 + "\") { name accessNotes } }")
                .execute()
                .path("serviceUser.accessNotes")
                .valueIsNull();
        // carer A2 visits A2 today: the notes
        as(TestTokens.carer(ORG_A, TenantFixture.CARER_A2))
                .document("{ serviceUser(id: \"" + SERVICE_USER_A2 + "\") { accessNotes } }")
                .execute()
                .path("serviceUser.accessNotes")
                .entity(String.class)
                .isEqualTo("Key safe 2222");
        assertThat(fixture.asOwner(
                        "select encode(access_notes_ciphertext, 'escape') from service_users where id = ?",
                        SERVICE_USER_A2))
                .singleElement()
                .satisfies(stored -> assertThat(stored).doesNotContain("2222"));
    }

    @Test
    void shouldRevealInsideReadOnlyTransactionAndAuditWhenSyncPullAsks() throws SQLException {
        seal(SERVICE_USER_A2, "Key safe 2323");
        JwtAuthenticationToken carerA2 = authentication("carer.a2", "CARER", ORG_A, TenantFixture.CARER_A2);
        Map<UUID, String> notes = transactions
                .read(db -> accessNotes.revealAll(db, List.of(SERVICE_USER_A1, SERVICE_USER_A2)))
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(carerA2))
                .block();
        assertThat(notes).containsExactly(Map.entry(SERVICE_USER_A2, "Key safe 2323"));
        assertThat(fixture.asOwner(
                        "select actor_username from audit_events where operation = 'REVEAL_ACCESS_NOTES'"
                                + " and ? = any (record_ids)",
                        SERVICE_USER_A2))
                .contains("carer.a2");
    }

    private void seal(UUID serviceUser, String notes) throws SQLException {
        AccessNotes.Sealed sealed = accessNotes.seal(serviceUser, notes);
        try (var connection = fixture.owner();
                var statement = connection.prepareStatement("update service_users set access_notes_ciphertext = ?,"
                        + " access_notes_key_id = ? where id = ?")) {
            statement.setBytes(1, sealed.ciphertext());
            statement.setString(2, sealed.keyId());
            statement.setObject(3, serviceUser);
            statement.executeUpdate();
        }
    }

    @Test
    void shouldRejectWhenQueryTooDeep() {
        String deep = "{ areas { parent { parent { parent { parent { parent { parent { parent { parent { parent {"
                + " parent { parent { parent { name } } } } } } } } } } } } } }";
        assertRejectedAsTooComplex(deep);
    }

    @Test
    void shouldRejectWhenAliasesAmplifyQuery() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 300; i++) {
            query.append(" a").append(i).append(": organisations { id name }");
        }
        assertRejectedAsTooComplex(query.append(" }").toString());
    }

    @Test
    void shouldRefuseIntrospectionWhenNotDemo() {
        as(TestTokens.coordinator(ORG_A))
                .document("{ __schema { types { name } } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).isNotEmpty());
    }

    @Test
    void shouldAnswer413WhenBodyTooLarge() {
        String huge = "{ organisations { id } }" + " ".repeat(200 * 1024);
        http().post()
                .uri("/graphql")
                .header("Authorization", "Bearer " + TestTokens.coordinator(ORG_A))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", huge))
                .exchange()
                .expectStatus()
                .isEqualTo(413);
    }

    @Test
    void shouldMaskInternalsWhenErrorsReturned() {
        as(TestTokens.coordinator(ORG_A))
                .document("{ visits(from: \"2026-11-24\", to: \"2026-11-23\") { edges { node { id } } } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).allSatisfy(error -> assertThat(error.getMessage())
                        .doesNotContain("Exception", "select ", "org.carerota", "\tat ")));
    }

    private WebTestClient.ResponseSpec postGraphQl(String token) {
        return http().post()
                .uri("/graphql")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", QUERY))
                .exchange();
    }

    private void assertRejectedAsTooComplex(String query) {
        as(TestTokens.coordinator(ORG_A)).document(query).execute().errors().satisfy(errors -> assertThat(errors)
                .extracting(ResponseError::getExtensions)
                .anySatisfy(extensions -> assertThat(extensions).containsEntry("code", "QUERY_TOO_COMPLEX")));
    }

    private static void assertNull(HttpGraphQlTester tester, String field, String query) {
        tester.document(query).execute().path(field).valueIsNull();
    }

    private Optional<String> revealAs(
            String user, String role, UUID organisation, @org.jspecify.annotations.Nullable UUID carer) {
        return accessNotes
                .reveal(SERVICE_USER_A1)
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(
                        authentication(user, role, organisation, carer)))
                .block();
    }

    private static JwtAuthenticationToken authentication(
            String user, String role, UUID organisation, @org.jspecify.annotations.Nullable UUID carer) {
        Jwt.Builder jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject(user)
                .claim("role", role)
                .claim("organisation_id", organisation.toString());
        if (carer != null) {
            jwt.claim("carer_id", carer.toString());
        }
        return new JwtAuthenticationToken(jwt.build());
    }
}
