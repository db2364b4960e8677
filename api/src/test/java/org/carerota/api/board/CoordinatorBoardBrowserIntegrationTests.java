package org.carerota.api.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.carerota.api.shared.database.DatabaseBootstrap;
import org.carerota.api.support.TestDatabase;
import org.carerota.infra.db.EmbeddedDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
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

    private static final Path BROWSER_DIR = Path.of("src/test/browser");
    private static final EmbeddedDatabase SERVER = EmbeddedDatabase.forTests();
    private static final String DATABASE = SERVER.createDatabase("board");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.r2dbc.url", () -> SERVER.r2dbcUrl(DATABASE));
        registry.add("spring.r2dbc.username", () -> DatabaseBootstrap.APP_ROLE);
        registry.add("spring.r2dbc.password", () -> "");
        registry.add("spring.flyway.url", () -> SERVER.jdbcUrl(DATABASE));
        registry.add("spring.flyway.user", SERVER::user);
        registry.add("spring.flyway.password", SERVER::password);
        registry.add("carerota.security.keys-dir", TestDatabase::keysDir);
        registry.add("carerota.security.access-notes-key", () -> TestDatabase.TEST_ACCESS_NOTES_KEY);
    }

    @LocalServerPort
    int port;

    @Test
    void shouldGeneratePublishAdjustAndReplanWhenCoordinatorUsesTheBoardInChromium() throws Exception {
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
        if (node == null || !missing.isEmpty()) {
            String message = "BROWSER TESTS SKIPPED: missing " + String.join(", ", missing);
            String banner = "\n" + "!".repeat(100) + "\n!!! " + message + "\n" + "!".repeat(100) + "\n";
            System.err.println(banner);
            System.out.println(banner);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: .ci/run must install them)");
            }
            Assumptions.assumeTrue(false, message);
            return;
        }

        Path artifacts = Path.of("target/browser-artifacts");
        Files.createDirectories(artifacts);
        Path log = artifacts.resolve("board.log");
        ProcessBuilder builder = new ProcessBuilder(node, "board.test.mjs")
                .directory(BROWSER_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("BASE_URL", "http://127.0.0.1:" + port);
        builder.environment().put("ARTIFACTS", artifacts.toAbsolutePath().toString());
        builder.environment().put("CHROMIUM", chromium);
        builder.environment().put("COORDINATOR", "coordinator.norfolk");
        builder.environment().put("AREA_NAME", "Norwich");
        // the demo profile loads its region from today (London)
        builder.environment()
                .put("DATE", LocalDate.now(ZoneId.of("Europe/London")).toString());
        Process process = builder.start();
        boolean finished = process.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished).as("the board scenario finished within 300 s").isTrue();
        assertThat(process.exitValue()).as("board scenario:\n" + output).isZero();
    }

    private static @Nullable String findOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, program);
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }
}
