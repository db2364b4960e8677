package org.carerota.api.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.carerota.api.support.BrowserScenario;
import org.carerota.api.support.IdentityProviderApplication;
import org.carerota.api.sync.SyncTestApp;
import org.carerota.sync.SyncService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sign-in through an identity provider in Debian's chromium ({@code src/test/browser/idp.test.mjs}),
 * on the application outside the demo profile that {@link org.carerota.api.security.OidcSignInIntegrationTests}
 * also uses (one Spring context): a coordinator signs in through the stub provider's page and gets the
 * board, whose map draws the tile server's tiles under the route; an expired token is refreshed, then,
 * without a refresh token, sends the coordinator back through the provider to the same page; sign-out
 * ends the provider's session; a commissioner lands on the reports and gets a report without pasting a
 * token; a carer lands in the carer app with today's rota; an account without a CareRota role is told
 * so. Skipped loudly without chromium, node and {@code npm ci} (failed with {@code CI=true}).
 */
class SignInBrowserIntegrationTests extends IdentityProviderApplication {

    @Autowired
    SyncService sync;

    @Test
    void shouldSignInThroughIdentityProviderAndSendEachRoleToItsPageInChromium() throws Exception {
        BrowserScenario.requireBrowser();
        SyncTestApp.Published published = SyncTestApp.publishToday(transactions, sync, carerId(), 3);
        BrowserScenario.run(
                "idp",
                port,
                Map.of(
                        "IDP", IDP.issuer(),
                        "TILES", TILES.template().replace("{z}/{x}/{y}.png", ""),
                        "AREA_ID", published.areaId().toString(),
                        "DATE", LocalDate.now(ZoneId.of("Europe/London")).toString(),
                        "CARER_VISITS", String.valueOf(published.visitIds().size())),
                Duration.ofSeconds(240));
        assertThat(IDP.log())
                .contains("token refresh_token coordinator")
                .anyMatch(line -> line.startsWith("end_session"));
    }
}
