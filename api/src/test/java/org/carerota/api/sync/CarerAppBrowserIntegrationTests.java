package org.carerota.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.carerota.api.shared.database.Transactions;
import org.carerota.sync.SyncService;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The carer web app in Debian's chromium, driven by npm playwright-core
 * ({@code src/test/browser/carer-app.test.mjs}). Needs {@code /usr/bin/chromium} (or
 * {@code CHROMIUM}), {@code node} and {@code npm ci} in {@code src/test/browser}; without them the
 * test says so loudly and is skipped, except with {@code CI=true}, where it fails. Screenshots go
 * to {@code target/browser-artifacts/}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "carerota.demo.load-region=true",
            "carerota.demo.size=S",
            "carerota.demo.days=2",
            "carerota.sync.live-heartbeat=2s"
        })
@ActiveProfiles({"test", "demo"})
class CarerAppBrowserIntegrationTests {

    private static final String CARER = "carer.waveney";
    private static final Path BROWSER_DIR = Path.of("src/test/browser");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SyncTestApp.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    Transactions transactions;

    @Autowired
    SyncService sync;

    @Test
    void shouldKeepEventsOfflineAndDeliverThemExactlyOnceWhenCarerUsesTheAppInChromium() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        String node = findOnPath("node");
        List<String> missing = new ArrayList<>();
        if (!new File(chromium).canExecute()) {
            missing.add("chromium at " + chromium + " (apt-get install -y chromium)");
        }
        if (node == null) {
            missing.add("node on the PATH (apt-get install -y nodejs npm)");
        }
        if (!Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) {
            missing.add("playwright-core in " + BROWSER_DIR.toAbsolutePath() + " (cd there and run npm ci)");
        }
        if (!missing.isEmpty()) {
            String message = "BROWSER TESTS SKIPPED: missing " + String.join(", ", missing);
            String banner = "\n" + "!".repeat(100) + "\n!!! " + message + "\n" + "!".repeat(100) + "\n";
            System.err.println(banner);
            System.out.println(banner);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: .ci/run must install them)");
            }
            Assumptions.assumeTrue(false, message);
        }

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
        Path artifacts = Path.of("target/browser-artifacts");
        Files.createDirectories(artifacts);
        Path log = artifacts.resolve("carer-app.log");
        try {
            ProcessBuilder builder = new ProcessBuilder(node, "carer-app.test.mjs")
                    .directory(BROWSER_DIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("BASE_URL", "http://127.0.0.1:" + port);
            builder.environment()
                    .put("HOOK_URL", "http://127.0.0.1:" + hooks.getAddress().getPort());
            builder.environment().put("ARTIFACTS", artifacts.toAbsolutePath().toString());
            builder.environment().put("CHROMIUM", chromium);
            builder.environment().put("CARER_USER", CARER);
            Process process = builder.start();
            boolean finished = process.waitFor(150, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(output);
            assertThat(finished)
                    .as("the browser scenario finished within 150 s")
                    .isTrue();
            assertThat(process.exitValue()).as("browser scenario:\n" + output).isZero();
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

    private static String findOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, program);
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }
}
