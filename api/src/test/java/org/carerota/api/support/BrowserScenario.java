package org.carerota.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.carerota.api.shared.database.DatabaseBootstrap;
import org.carerota.infra.db.EmbeddedDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs one scenario of {@code src/test/browser} (npm playwright-core driving Debian's chromium)
 * against the test's running application, for the JUnit wrappers of the carer app, the board and
 * the report page. Without chromium, node or {@code npm ci} the scenario says so loudly and is
 * skipped, except with {@code CI=true}, where it fails ({@code .ci/run} installs them). The
 * scenario's output goes to {@code target/browser-artifacts/<name>.log} and into the assertion
 * message; its screenshots to the same folder.
 */
public final class BrowserScenario {

    private static final Path BROWSER_DIR = Path.of("src/test/browser");
    private static final Path ARTIFACTS = Path.of("target/browser-artifacts");

    private BrowserScenario() {}

    /** Points the application at a database of its own on the JVM's throwaway server. */
    public static void registerOwnDatabase(DynamicPropertyRegistry registry, String name) {
        EmbeddedDatabase server = EmbeddedDatabase.forTests();
        String database = server.createDatabase(name);
        registry.add("spring.r2dbc.url", () -> server.r2dbcUrl(database));
        registry.add("spring.r2dbc.username", () -> DatabaseBootstrap.APP_ROLE);
        registry.add("spring.r2dbc.password", () -> "");
        registry.add("spring.flyway.url", () -> server.jdbcUrl(database));
        registry.add("spring.flyway.user", server::user);
        registry.add("spring.flyway.password", server::password);
        registry.add("carerota.security.keys-dir", TestDatabase::keysDir);
        registry.add("carerota.security.access-notes-key", () -> TestDatabase.TEST_ACCESS_NOTES_KEY);
    }

    /**
     * Skips (or, with {@code CI=true}, fails) the calling test unless chromium, node and
     * playwright-core are there. Call it before preparing data the scenario needs.
     */
    public static void requireBrowser() {
        String chromium = chromium();
        List<String> missing = new ArrayList<>();
        if (!new File(chromium).canExecute()) {
            missing.add("chromium at " + chromium + " (apt-get install -y chromium)");
        }
        if (findOnPath("node") == null) {
            missing.add("node on the PATH (apt-get install -y nodejs npm)");
        }
        if (!Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) {
            missing.add("playwright-core in " + BROWSER_DIR.toAbsolutePath() + " (cd there and run npm ci)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "BROWSER TESTS SKIPPED: missing " + String.join(", ", missing);
        String banner = "\n" + "!".repeat(100) + "\n!!! " + message + "\n" + "!".repeat(100) + "\n";
        System.err.println(banner);
        System.out.println(banner);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: .ci/run must install them)");
        }
        Assumptions.assumeTrue(false, message);
    }

    /**
     * Runs {@code <name>.test.mjs} with {@code BASE_URL} (the application on {@code port}),
     * {@code ARTIFACTS}, {@code CHROMIUM} and {@code environment}, and asserts that it finished in
     * {@code timeout} with exit status 0.
     */
    public static void run(String name, int port, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        requireBrowser();
        Files.createDirectories(ARTIFACTS);
        Path log = ARTIFACTS.resolve(name + ".log");
        String node = java.util.Objects.requireNonNull(findOnPath("node"), "node");
        ProcessBuilder builder = new ProcessBuilder(node, name + ".test.mjs")
                .directory(BROWSER_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BASE_URL", "http://127.0.0.1:" + port);
        env.put("ARTIFACTS", ARTIFACTS.toAbsolutePath().toString());
        env.put("CHROMIUM", chromium());
        env.putAll(environment);
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished)
                .as("the " + name + " scenario finished within " + timeout.toSeconds() + " s")
                .isTrue();
        assertThat(process.exitValue()).as(name + " scenario:\n" + output).isZero();
    }

    private static String chromium() {
        return System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
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
