package org.carerota.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerota.api.support.GraphQl;
import org.carerota.api.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The demo profile: the built-in issuer, the documented demo users on the (small) demo region,
 * and the same isolation for them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"carerota.demo.load-region=true", "carerota.demo.size=S", "carerota.demo.days=1"})
@ActiveProfiles({"test", "demo"})
class DemoSecurityIntegrationTests {

    private static final TenantFixture database = new TenantFixture("demosec", false);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database.register(registry);
        registry.add("carerota.demo.load-region", () -> "true");
    }

    @LocalServerPort
    int port;

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    private String token(String user) {
        Map<?, ?> body = http().post()
                .uri("/demo/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", user))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).isNotNull();
        assertThat(body.get("token_type")).isEqualTo("Bearer");
        return (String) body.get("access_token");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "admin.norfolk",
                "coordinator.norfolk",
                "carer.norfolk",
                "admin.waveney",
                "coordinator.waveney",
                "carer.waveney",
                "coordinator.reablement",
                "commissioner.norfolk",
                "commissioner.suffolk",
                "commissioner.icb"
            })
    void shouldIssueWorkingTokenWhenDemoUserNamed(String user) {
        GraphQl.withToken(port, token(user))
                .document("{ organisations { id name } }")
                .execute()
                .path("organisations")
                .entityList(Object.class)
                .hasSizeGreaterThan(0);
    }

    @Test
    void shouldSeedOneUserPerRoleInTwoOrganisationsWhenRegionLoaded() throws SQLException {
        assertThat(database.asOwner("select u.role || ' ' || o.external_ref from app_users u"
                        + " join organisations o on o.id = u.organisation_id"))
                .contains(
                        "ADMIN demo:provider-norfolk",
                        "COORDINATOR demo:provider-norfolk",
                        "CARER demo:provider-norfolk",
                        "ADMIN demo:provider-waveney",
                        "COORDINATOR demo:provider-waveney",
                        "CARER demo:provider-waveney",
                        "COMMISSIONER demo:council-norfolk",
                        "COMMISSIONER demo:icb");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nobody", "admin.norfolk' or '1'='1", "' union select username from app_users --"})
    void shouldAnswer404WhenDemoUserUnknown(String user) {
        http().post()
                .uri("/demo/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", user))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void shouldAnswer401WhenTokenFromAnotherIssuer() throws Exception {
        UUID organisation = UUID.fromString(
                database.asOwner("select id::text from organisations where external_ref = 'demo:provider-norfolk'")
                        .get(0));
        String wrongIssuer =
                signWithDemoKey("urn:evil", organisation, Instant.now().plusSeconds(600));
        String expired =
                signWithDemoKey("urn:carerota:demo", organisation, Instant.now().minusSeconds(600));
        String valid =
                signWithDemoKey("urn:carerota:demo", organisation, Instant.now().plusSeconds(600));
        for (String bad : List.of(wrongIssuer, expired)) {
            postGraphQl(bad).expectStatus().isUnauthorized();
        }
        postGraphQl(valid).expectStatus().isOk();
    }

    @Test
    void shouldFindNothingWhenNorfolkCoordinatorReadsWaveneyServiceUser() throws SQLException {
        String waveney = database.asOwner("select s.id::text from service_users s join organisations o"
                        + " on o.id = s.organisation_id where o.external_ref = 'demo:provider-waveney' limit 1")
                .get(0);
        HttpGraphQlTester norfolk = GraphQl.withToken(port, token("coordinator.norfolk"));
        norfolk.document("{ serviceUser(id: \"" + waveney + "\") { name } }")
                .execute()
                .path("serviceUser")
                .valueIsNull();
        GraphQl.withToken(port, token("coordinator.waveney"))
                .document("{ serviceUser(id: \"" + waveney + "\") { name } }")
                .execute()
                .path("serviceUser.name")
                .entity(String.class)
                .satisfies(name -> assertThat(name).isNotBlank());
    }

    @Test
    void shouldSeeOnlyOwnCarerWhenDemoCarerEnumeratesCarers() throws SQLException {
        String carerId = database.asOwner("select carer_id::text from app_users where username = 'carer.norfolk'")
                .get(0);
        GraphQl.withToken(port, token("carer.norfolk"))
                .document("{ carers(first: 50) { edges { node { id } } } }")
                .execute()
                .path("carers.edges[*].node.id")
                .entityList(String.class)
                .containsExactly(carerId);
    }

    @Test
    void shouldForbidWhenDemoCommissionerAsksForServiceUsers() {
        GraphQl.withToken(port, token("commissioner.icb"))
                .document("{ serviceUsers(first: 5) { edges { node { name } } } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error.getExtensions())
                        .containsEntry("code", "FORBIDDEN")));
    }

    @Test
    void shouldAllowIntrospectionWhenDemo() {
        GraphQl.withToken(port, token("coordinator.norfolk"))
                .document("{ __schema { queryType { name } } }")
                .execute()
                .path("__schema.queryType.name")
                .entity(String.class)
                .isEqualTo("Query");
    }

    @Test
    void shouldKeepSigningKeyOutsideTheDatabaseWhenIssuerStarts() {
        assertThat(Path.of(TestDatabase.keysDir()).resolve(LocalKeys.SIGNING_KEY_FILE))
                .exists();
    }

    private WebTestClient.ResponseSpec postGraphQl(String token) {
        return http().post()
                .uri("/graphql")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "{ organisations { id } }"))
                .exchange();
    }

    private static String signWithDemoKey(String issuer, UUID organisation, Instant expiresAt) throws Exception {
        var keys = new LocalKeys(Path.of(TestDatabase.keysDir())).signingKeyPair();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.RS256),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject("coordinator.norfolk")
                        .issueTime(java.util.Date.from(expiresAt.minusSeconds(3600)))
                        .expirationTime(java.util.Date.from(expiresAt))
                        .claim("role", "COORDINATOR")
                        .claim("organisation_id", organisation.toString())
                        .build());
        jwt.sign(new RSASSASigner((java.security.interfaces.RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }
}
