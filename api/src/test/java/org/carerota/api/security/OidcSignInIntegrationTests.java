package org.carerota.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.carerota.api.support.GraphQl;
import org.carerota.api.support.IdentityProviderApplication;
import org.carerota.api.support.StubOpenIdProvider;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sign-in through an identity provider outside the demo profile ({@link IdentityProviderApplication}:
 * the stub provider as {@code issuer-uri}): the whole authorization-code flow with PKCE over HTTP,
 * tokens it issues accepted by the API, roles from a string or an array claim, a token without a
 * role or with two refused any access (and told why by {@code /auth/me}), {@code /auth/config},
 * and no {@code /demo/token}.
 */
class OidcSignInIntegrationTests extends IdentityProviderApplication {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-and-more-entropy";
    private final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void shouldDescribeTheIdentityProviderWhenPageAsksForConfig() {
        http().get()
                .uri("/auth/config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mode")
                .isEqualTo("oidc")
                .jsonPath("$.issuer")
                .isEqualTo(IDP.issuer())
                .jsonPath("$.clientId")
                .isEqualTo(StubOpenIdProvider.CLIENT_ID)
                .jsonPath("$.scopes")
                .isEqualTo("openid profile email")
                .jsonPath("$.redirectPath")
                .isEqualTo("/auth/callback.html")
                .jsonPath("$.map.tileUrl")
                .isEqualTo(TILES.template())
                .jsonPath("$.map.attribution")
                .isEqualTo("Tiles: test stub");
    }

    @Test
    void shouldAcceptProvidersTokenWhenSignedInThroughAuthorizationCodeWithPkce() throws Exception {
        JsonNode tokens = signIn("coordinator");
        assertThat(tokens.path("id_token").asText()).isNotEmpty();
        assertThat(tokens.path("refresh_token").asText()).isNotEmpty();
        String access = tokens.path("access_token").asText();

        GraphQl.withToken(port, access)
                .document("{ areas { id name } }")
                .execute()
                .path("areas[*].name")
                .entityList(String.class)
                .contains("Norwich");
        http().get()
                .uri("/auth/me")
                .header("Authorization", "Bearer " + access)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("COORDINATOR")
                .jsonPath("$.organisation_id")
                .isEqualTo(PROVIDER.toString())
                .jsonPath("$.problem")
                .doesNotExist();
    }

    @Test
    void shouldRefuseCodeWhenVerifierOrRedirectDiffers() throws Exception {
        String redirect = "http://127.0.0.1:" + port + "/auth/callback.html";
        String code = authorize("coordinator", redirect);
        HttpResponse<String> wrongVerifier = tokenRequest(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                redirect,
                "client_id",
                StubOpenIdProvider.CLIENT_ID,
                "code_verifier",
                VERIFIER + "x"));
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        // the code was spent by the failed attempt, as a provider must
        HttpResponse<String> again = tokenRequest(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                redirect,
                "client_id",
                StubOpenIdProvider.CLIENT_ID,
                "code_verifier",
                VERIFIER));
        assertThat(again.statusCode()).isEqualTo(400);
        String other = authorize("coordinator", redirect);
        HttpResponse<String> wrongRedirect = tokenRequest(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                other,
                "redirect_uri",
                redirect + "?x",
                "client_id",
                StubOpenIdProvider.CLIENT_ID,
                "code_verifier",
                VERIFIER));
        assertThat(wrongRedirect.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldTakeTheOneCareRotaRoleWhenRoleClaimIsAnArray() throws Exception {
        String access = signIn("entra-coordinator").path("access_token").asText();
        GraphQl.withToken(port, access)
                .document("{ areas { id } }")
                .execute()
                .path("areas")
                .entityList(Object.class)
                .hasSizeGreaterThan(0);
        http().get()
                .uri("/auth/me")
                .header("Authorization", "Bearer " + access)
                .exchange()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("COORDINATOR");
    }

    @Test
    void shouldRefuseAccessAndSayWhyWhenTokenHasNoRole() throws Exception {
        String access = signIn("no-role").path("access_token").asText();
        GraphQl.withToken(port, access)
                .document("{ areas { id } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .extracting(ResponseError::getExtensions)
                        .anySatisfy(extensions -> assertThat(extensions).containsEntry("code", "FORBIDDEN")));
        http().get()
                .uri("/auth/me")
                .header("Authorization", "Bearer " + access)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.role")
                .doesNotExist()
                .jsonPath("$.problem")
                .value(problem -> assertThat((String) problem).contains("no CareRota role"));
    }

    @Test
    void shouldRefuseAccessWhenArrayNamesTwoCareRotaRoles() throws Exception {
        String access = signIn("two-roles").path("access_token").asText();
        GraphQl.withToken(port, access)
                .document("{ areas { id } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).isNotEmpty());
        http().get()
                .uri("/auth/me")
                .header("Authorization", "Bearer " + access)
                .exchange()
                .expectBody()
                .jsonPath("$.problem")
                .value(problem -> assertThat((String) problem).contains("more than one CareRota role"));
    }

    @Test
    void shouldRefuseExpiredTokenAndAcceptRefreshedOne() throws Exception {
        JsonNode tokens = signIn("coordinator");
        String expired = IDP.accessToken("coordinator", Duration.ofSeconds(-120));
        http().get()
                .uri("/auth/me")
                .header("Authorization", "Bearer " + expired)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        HttpResponse<String> refreshed = tokenRequest(Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                tokens.path("refresh_token").asText(),
                "client_id",
                StubOpenIdProvider.CLIENT_ID));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String access = JSON.readTree(refreshed.body()).path("access_token").asText();
        http().get()
                .uri("/auth/me")
                .header("Authorization", "Bearer " + access)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void shouldNotOfferDemoTokensOutsideTheDemoProfile() throws Exception {
        http().post()
                .uri("/demo/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", "coordinator.norfolk"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        String access = signIn("coordinator").path("access_token").asText();
        http().post()
                .uri("/demo/token")
                .header("Authorization", "Bearer " + access)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", "coordinator.norfolk"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void shouldServeSignInPagesWithoutToken() {
        http().get().uri("/auth/callback.html").exchange().expectStatus().isOk();
        http().get().uri("/auth/session.js").exchange().expectStatus().isOk();
        http().get().uri("/auth/me").exchange().expectStatus().isUnauthorized();
    }

    // ---- the browser's part of the flow, by hand -------------------------------------------------

    private JsonNode signIn(String user) throws Exception {
        String redirect = "http://127.0.0.1:" + port + "/auth/callback.html";
        String code = authorize(user, redirect);
        HttpResponse<String> response = tokenRequest(Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", redirect,
                "client_id", StubOpenIdProvider.CLIENT_ID,
                "code_verifier", VERIFIER));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String authorize(String user, String redirect) throws Exception {
        JsonNode discovery = JSON.readTree(client.send(
                        HttpRequest.newBuilder(URI.create(IDP.issuer() + "/.well-known/openid-configuration"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(discovery.path("issuer").asText()).isEqualTo(IDP.issuer());
        String query = form(Map.of(
                "response_type", "code",
                "client_id", StubOpenIdProvider.CLIENT_ID,
                "redirect_uri", redirect,
                "scope", "openid profile",
                "state", "s1",
                "nonce", "n1",
                "code_challenge", StubOpenIdProvider.s256(VERIFIER),
                "code_challenge_method", "S256",
                "login_hint", user));
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(
                                discovery.path("authorization_endpoint").asText() + "?" + query))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirect + "?code=").endsWith("&state=s1");
        return location.substring((redirect + "?code=").length(), location.indexOf("&state="));
    }

    private HttpResponse<String> tokenRequest(Map<String, String> form) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(IDP.issuer() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> values) {
        return String.join(
                "&",
                values.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .toList());
    }
}
