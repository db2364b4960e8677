package org.carerota.api.report;

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
 * The report page in Debian's chromium, driven by npm playwright-core
 * ({@code src/test/browser/reports.test.mjs}): the demo commissioner signs in, asks for a report on
 * Norwich over the demo days, and sees the table with real figures and suppressed small numbers,
 * the three SVG charts drawn with bars, and a typed problem for a reversed period. Needs {@code /usr/bin/chromium} (or {@code CHROMIUM}),
 * {@code node} and {@code npm ci} in {@code src/test/browser}; without them the test says so loudly
 * and is skipped, except with {@code CI=true}, where it fails. Screenshots go to
 * {@code target/browser-artifacts/reports-*.png}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"carerota.demo.load-region=true", "carerota.demo.size=S", "carerota.demo.days=2"})
@ActiveProfiles({"test", "demo"})
class ReportPageBrowserIntegrationTests {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BrowserScenario.registerOwnDatabase(registry, "reportpage");
    }

    @LocalServerPort
    int port;

    /** Without chromium and node: skipped (failed with CI=true) before the application starts, not after. */
    @BeforeAll
    static void browser() {
        BrowserScenario.requireBrowser();
    }

    @Test
    void shouldShowFiguresSuppressionAndChartsWhenCommissionerUsesTheReportPageInChromium() throws Exception {
        // the demo profile loads its region's two days from today (London)
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        BrowserScenario.run(
                "reports",
                port,
                Map.of(
                        "COMMISSIONER",
                        "commissioner.norfolk",
                        "AREA_NAME",
                        "Norwich",
                        "FROM",
                        today.toString(),
                        "TO",
                        today.plusDays(1).toString()),
                Duration.ofSeconds(240));
    }
}
