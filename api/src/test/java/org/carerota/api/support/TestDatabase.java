package org.carerota.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.carerota.api.shared.database.DatabaseBootstrap;
import org.carerota.infra.db.EmbeddedDatabase;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points Spring at one database of the JVM's throwaway embedded PostgreSQL. Every test context
 * registers the same database, so Spring's context cache keeps one application for all
 * integration tests; Flyway migrates it once, with the real migrations from {@code infra}.
 */
public final class TestDatabase {

    private static final String NAME = EmbeddedDatabase.forTests().createDatabase("api");

    private TestDatabase() {}

    public static String name() {
        return NAME;
    }

    public static EmbeddedDatabase server() {
        return EmbeddedDatabase.forTests();
    }

    public static void register(DynamicPropertyRegistry registry) {
        EmbeddedDatabase server = server();
        registry.add("spring.r2dbc.url", () -> server.r2dbcUrl(NAME));
        // the application connects as its own role, subject to row-level security (V0100)
        registry.add("spring.r2dbc.username", () -> DatabaseBootstrap.APP_ROLE);
        registry.add("spring.r2dbc.password", () -> "");
        registry.add("spring.flyway.url", () -> server.jdbcUrl(NAME));
        registry.add("spring.flyway.user", server::user);
        registry.add("spring.flyway.password", server::password);
        // keys for tests: a throwaway directory (demo profile) and a fixed access-notes key
        registry.add("carerota.security.keys-dir", TestDatabase::keysDir);
        registry.add("carerota.security.access-notes-key", () -> TEST_ACCESS_NOTES_KEY);
        // tokens from TestTokens (outside the demo profile, whose built-in issuer takes over)
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    /** A fixed AES-256 key for access notes in tests (never used outside them). */
    public static final String TEST_ACCESS_NOTES_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static @Nullable Path keys;

    /** The demo issuer's keys directory for this test JVM (a fresh temporary directory). */
    public static synchronized String keysDir() {
        if (keys == null) {
            try {
                keys = Files.createTempDirectory("carerota-keys");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys.toString();
    }
}
