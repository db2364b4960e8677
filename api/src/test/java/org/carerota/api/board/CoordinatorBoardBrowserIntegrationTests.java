package org.carerota.api.board;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.carerota.api.support.BrowserScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The coordinator's rota board in Debian's chromium, driven by npm playwright-core
 * ({@code src/test/browser/board.test.mjs}): sign in, generate a rota with live progress, the week
 * view, drag a visit to another carer and time and see the broken constraints, the bad-input paths
 * (a refused drag, a stale version, a plan published by another session, a connection lost during
 * generation), publish with read receipts, report an absence and see the diff, the map, keyboard use,
 * the reference-data screens and CSV import, a tablet-width layout and text contrast. Needs {@code /usr/bin/chromium} (or {@code CHROMIUM}),
 * {@code node} and {@code npm ci} in {@code src/test/browser}; without them the test says so loudly
 * and is skipped, except with {@code CI=true}, where it fails. Screenshots go to
 * {@code target/browser-artifacts/board-*.png}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"carerota.demo.load-region=true", "carerota.demo.size=S", "carerota.demo.days=2"})
@ActiveProfiles({"test", "demo"})
class CoordinatorBoardBrowserIntegrationTests {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BrowserScenario.registerOwnDatabase(registry, "board");
    }

    @LocalServerPort
    int port;

    /** Without chromium and node: skipped (failed with CI=true) before the application starts, not after. */
    @BeforeAll
    static void browser() {
        BrowserScenario.requireBrowser();
    }

    @Test
    void shouldGeneratePublishAdjustAndReplanWhenCoordinatorUsesTheBoardInChromium() throws Exception {
        BrowserScenario.run(
                "board",
                port,
                Map.of(
                        "COORDINATOR", "coordinator.norfolk",
                        "AREA_NAME", "Norwich",
                        // the demo profile loads its region from today (London)
                        "DATE", LocalDate.now(ZoneId.of("Europe/London")).toString()),
                Duration.ofSeconds(300));
    }
}
