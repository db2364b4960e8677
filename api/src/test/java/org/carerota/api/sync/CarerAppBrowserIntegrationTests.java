package org.carerota.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.carerota.api.support.BrowserScenario;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The carer web app in Debian's chromium, driven by npm playwright-core
 * ({@code src/test/browser/carer-app.test.mjs}). Needs {@code /usr/bin/chromium} (or
 * {@code CHROMIUM}), {@code node} and {@code npm ci} in {@code src/test/browser}; without them the
 * test says so loudly and is skipped, except with {@code CI=true}, where it fails. Screenshots go
 * to {@code target/browser-artifacts/}.
 */
class CarerAppBrowserIntegrationTests extends SyncAppTest {

    private static final String CARER = "carer.waveney";

    @Test
    void shouldKeepEventsOfflineAndDeliverThemExactlyOnceWhenCarerUsesTheAppInChromium() throws Exception {
        BrowserScenario.requireBrowser();

        UUID carer = SyncTestApp.carerOf(CARER);
        AtomicReference<SyncTestApp.Published> published =
                new AtomicReference<>(SyncTestApp.publishToday(transactions, sync, carer, 3));
        assertThat(published.get().visitIds()).hasSize(3);

        HttpServer hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext(
                "/published",
                exchange -> answer(
                        exchange, "{\"visits\":" + published.get().visitIds().size() + "}"));
        hooks.createContext("/publish-change", exchange -> {
            published.set(SyncTestApp.publishToday(
                    transactions, sync, carer, published.get().visitIds().size() + 1));
            answer(exchange, "{\"visits\":" + published.get().visitIds().size() + "}");
        });
        hooks.createContext("/events", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            UUID visit = UUID.fromString(query.substring(query.indexOf('=') + 1));
            Map<String, Long> counts = SyncTestApp.eventCounts(visit);
            long duplicates = SyncTestApp.count(
                    "select count(*) - count(distinct id) from visit_events where visit_id = ?::uuid",
                    visit.toString());
            StringBuilder json = new StringBuilder("{\"duplicates\":" + duplicates);
            counts.forEach(
                    (kind, n) -> json.append(",\"").append(kind).append("\":").append(n));
            answer(exchange, json.append('}').toString());
        });
        hooks.start();
        try {
            BrowserScenario.run(
                    "carer-app",
                    port,
                    Map.of("HOOK_URL", "http://127.0.0.1:" + hooks.getAddress().getPort(), "CARER_USER", CARER),
                    Duration.ofSeconds(150));
        } finally {
            hooks.stop(0);
        }
        UUID first = published.get().visitIds().get(0);
        assertThat(SyncTestApp.eventCounts(first)).containsEntry("CHECK_IN", 1L).containsEntry("CHECK_OUT", 1L);
        assertThat(SyncTestApp.count(
                        "select count(*) from quarantined_events where carer_id = ?::uuid", carer.toString()))
                .isZero();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
