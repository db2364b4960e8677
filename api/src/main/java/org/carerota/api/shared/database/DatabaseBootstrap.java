package org.carerota.api.shared.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.carerota.infra.db.EmbeddedDatabase;
import org.jspecify.annotations.Nullable;

/**
 * Decides, before Spring starts, which PostgreSQL CareRota uses, and hands Spring the connection
 * properties for R2DBC (the application) and JDBC (Flyway's migrations).
 *
 * <p>With {@code DATABASE_URL} set, it checks that the database answers and fails with one line
 * naming the setting if it does not; nothing embedded starts. Without it, it starts the embedded
 * PostgreSQL on a durable data directory ({@code CARE_ROTA_DATA_DIR}, default
 * {@code ~/.carerota/pgdata}).
 */
public final class DatabaseBootstrap {

    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String DATABASE_USER = "DATABASE_USER";
    public static final String DATABASE_PASSWORD = "DATABASE_PASSWORD";
    public static final String DATABASE_MIGRATION_USER = "DATABASE_MIGRATION_USER";
    public static final String DATABASE_MIGRATION_PASSWORD = "DATABASE_MIGRATION_PASSWORD";
    public static final String DATA_DIR = "CARE_ROTA_DATA_DIR";
    public static final String DB_PORT = "CARE_ROTA_DB_PORT";
    public static final String DB_NAME = "CARE_ROTA_DB_NAME";

    /**
     * The application's database role (created by the migration V0100): not the owner, no
     * superuser, no BYPASSRLS, so row-level security applies to everything the application does.
     */
    public static final String APP_ROLE = "carerota_app";

    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private DatabaseBootstrap() {}

    /** What start-up should do. */
    public sealed interface Outcome permits Ready, Failed {}

    /** Connect with these Spring properties; {@code server} is the embedded one, if started. */
    public record Ready(Map<String, Object> springProperties, @Nullable EmbeddedDatabase server) implements Outcome {
        public boolean embedded() {
            return server != null;
        }
    }

    /** Start-up must stop: {@code message} is one line naming the setting at fault. */
    public record Failed(String message) implements Outcome {}

    /** The connection details of a PostgreSQL database. */
    public record Target(String host, int port, String database, String user, String password) {
        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        String r2dbcUrl() {
            return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    public static Outcome fromEnvironment(Map<String, String> env) {
        String url = blankToNull(env.get(DATABASE_URL));
        if (url != null) {
            return external(url, env);
        }
        return embedded(env);
    }

    private static Outcome external(String url, Map<String, String> env) {
        Target app;
        try {
            app = parse(url, env.get(DATABASE_USER), env.get(DATABASE_PASSWORD));
        } catch (IllegalArgumentException e) {
            return new Failed(DATABASE_URL + " is not a PostgreSQL URL (" + e.getMessage()
                    + "); expected postgresql://host:port/database");
        }
        String migrationUser = blankToNull(env.get(DATABASE_MIGRATION_USER));
        Target owner = migrationUser == null
                ? app
                : new Target(
                        app.host(),
                        app.port(),
                        app.database(),
                        migrationUser,
                        orEmpty(env.get(DATABASE_MIGRATION_PASSWORD)));
        String problem = checkReachable(owner);
        if (problem != null) {
            return new Failed("cannot connect to the database at " + DATABASE_URL + "=" + app.jdbcUrl() + " as "
                    + (migrationUser == null ? DATABASE_USER : DATABASE_MIGRATION_USER) + "=" + owner.user() + ": "
                    + problem);
        }
        return new Ready(properties(app, owner), null);
    }

    private static Outcome embedded(Map<String, String> env) {
        Path dataDir = Path.of(orDefault(
                env.get(DATA_DIR),
                Path.of(System.getProperty("user.home"), ".carerota", "pgdata").toString()));
        int port;
        try {
            port = Integer.parseInt(orDefault(env.get(DB_PORT), "0"));
        } catch (NumberFormatException e) {
            return new Failed(DB_PORT + " must be a port number, not '" + env.get(DB_PORT) + "'");
        }
        if (port < 0 || port > 65535) {
            return new Failed(DB_PORT + " must be between 0 and 65535, not " + port);
        }
        String name = orDefault(env.get(DB_NAME), "carerota");
        try {
            EmbeddedDatabase server = EmbeddedDatabase.startPersistent(dataDir, port);
            server.ensureDatabase(name);
            Target owner = new Target("localhost", server.port(), name, server.user(), server.password());
            // the embedded server trusts loopback connections: the application role needs no password
            Target app = new Target("localhost", server.port(), name, APP_ROLE, "");
            return new Ready(properties(app, owner), server);
        } catch (EmbeddedDatabase.DataDirectoryInUseException e) {
            return new Failed(e.getMessage());
        } catch (RuntimeException e) {
            return new Failed(
                    "the embedded PostgreSQL did not start (" + DATA_DIR + "=" + dataDir + "): " + e.getMessage());
        }
    }

    /** Parses {@code postgresql://[user[:password]@]host[:port]/database} (also jdbc: and postgres:). */
    static Target parse(String url, @Nullable String user, @Nullable String password) {
        String raw = url.trim();
        if (raw.startsWith("jdbc:")) {
            raw = raw.substring(5);
        } else if (raw.startsWith("r2dbc:")) {
            raw = raw.substring(6);
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("postgresql") || scheme.equals("postgres"))) {
            throw new IllegalArgumentException("scheme must be postgresql");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("no database name");
        }
        String urlUser = null;
        String urlPassword = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            urlUser = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            urlPassword = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        String effectiveUser = blankToNull(user) != null ? user : urlUser;
        if (effectiveUser == null) {
            throw new IllegalArgumentException("no user: set " + DATABASE_USER);
        }
        String effectivePassword = password != null ? password : orEmpty(urlPassword);
        return new Target(
                uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path, effectiveUser, effectivePassword);
    }

    private static @Nullable String checkReachable(Target target) {
        Properties props = new Properties();
        props.setProperty("user", target.user());
        props.setProperty("password", target.password());
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try (Connection ignored = DriverManager.getConnection(target.jdbcUrl(), props)) {
            return null;
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return message.lines().findFirst().orElse(message);
        }
    }

    private static Map<String, Object> properties(Target app, Target owner) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.r2dbc.url", app.r2dbcUrl());
        properties.put("spring.r2dbc.username", app.user());
        properties.put("spring.r2dbc.password", app.password());
        properties.put("spring.flyway.url", owner.jdbcUrl());
        properties.put("spring.flyway.user", owner.user());
        properties.put("spring.flyway.password", owner.password());
        return properties;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String orDefault(@Nullable String value, String fallback) {
        String v = blankToNull(value);
        return v == null ? fallback : v;
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
