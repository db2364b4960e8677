package org.carerota.api.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.carerota.api.security.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PageConfigControllerTests {

    private static final MapProperties NO_TILES = new MapProperties(null, "", 18);

    @Test
    void shouldBeDemoModeWhenDemoProfileIsActive() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("demo");
        Map<String, Object> config = PageConfigController.config(environment, security("pages", null), NO_TILES);
        assertThat(config).containsEntry("mode", "demo").doesNotContainKey("clientId");
    }

    @Test
    void shouldBeOidcModeWithResourceServersIssuerWhenClientIdIsSet() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://idp.example.org/realms/care/");
        Map<String, Object> config = PageConfigController.config(environment, security("pages", null), NO_TILES);
        assertThat(config)
                .containsEntry("mode", "oidc")
                .containsEntry("issuer", "https://idp.example.org/realms/care")
                .containsEntry("clientId", "pages")
                .containsEntry("scopes", "openid profile")
                .containsEntry("redirectPath", "/auth/callback.html");
    }

    @Test
    void shouldPreferAuthorityWhenItIsSet() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://internal/realms/care");
        Map<String, Object> config = PageConfigController.config(
                environment, security("pages", "https://login.example.org/realms/care"), NO_TILES);
        assertThat(config).containsEntry("issuer", "https://login.example.org/realms/care");
    }

    @Test
    void shouldBeNoneModeAndSayWhyWhenClientIdOrIssuerIsMissing() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://idp.example.org");
        assertThat(PageConfigController.config(environment, security(null, null), NO_TILES))
                .containsEntry("mode", "none")
                .hasEntrySatisfying(
                        "message", message -> assertThat((String) message).contains("client-id"));
        assertThat(PageConfigController.config(new MockEnvironment(), security("pages", null), NO_TILES))
                .containsEntry("mode", "none");
    }

    @Test
    void shouldAlwaysAskForOpenidScopeOnceWhenScopesAreConfigured() {
        assertThat(PageConfigController.scopes("profile, offline_access openid"))
                .isEqualTo("openid profile offline_access");
        assertThat(PageConfigController.scopes("")).isEqualTo("openid");
    }

    @Test
    void shouldServeTileServerWhenConfigured() {
        MapProperties tiles =
                new MapProperties("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap contributors", 19);
        Map<String, Object> config = PageConfigController.config(new MockEnvironment(), security(null, null), tiles);
        assertThat(config.get("map"))
                .isEqualTo(Map.of(
                        "tileUrl", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                        "attribution", "© OpenStreetMap contributors",
                        "maxZoom", 19));
    }

    private static SecurityProperties security(String clientId, String authority) {
        return new SecurityProperties(
                null,
                null,
                "k1",
                new SecurityProperties.Jwt("role", "organisation_id", "carer_id"),
                new SecurityProperties.Demo("urn:carerota:demo", java.time.Duration.ofHours(8), true),
                new SecurityProperties.GraphQl(
                        12, 400, null, org.springframework.util.unit.DataSize.ofKilobytes(64), 120, 30),
                new SecurityProperties.Oidc(clientId, "openid profile", authority));
    }
}
