package org.carerota.api.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.carerota.api.shared.database.DatabaseBootstrap;
import org.carerota.infra.db.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of one test class's own on the JVM's throwaway embedded PostgreSQL, migrated by the
 * real migrations from {@code infra}, with the SQL a fixture needs: run a script as the schema
 * owner (no row-level security), run statements as the application role with tenant settings
 * (committed, or rolled back for reads), and point a Spring context at it. The report fixture
 * ({@code report.ReportFixture}) and the tenant fixture ({@code security.TenantFixture}) insert
 * their rows through it.
 */
public final class SqlFixture {

    private final EmbeddedDatabase server = EmbeddedDatabase.forTests();
    private final String database;

    /** A new, migrated, empty database named after {@code prefix}. */
    public SqlFixture(String prefix) {
        this.database = server.createDatabase(prefix);
        Flyway.configure()
                .dataSource(server.jdbcUrl(database), server.user(), server.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** 00000000-0000-0000-0000-0000000{suffix}: readable fixed ids. */
    public static UUID id(String suffix) {
        return UUID.fromString("00000000-0000-0000-0000-" + "0".repeat(12 - suffix.length()) + suffix);
    }

    /** Spring properties for an application on this database (the app connects as carerota_app). */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.r2dbc.url", () -> server.r2dbcUrl(database));
        registry.add("spring.r2dbc.username", () -> DatabaseBootstrap.APP_ROLE);
        registry.add("spring.r2dbc.password", () -> "");
        registry.add("spring.flyway.url", () -> server.jdbcUrl(database));
        registry.add("spring.flyway.user", server::user);
        registry.add("spring.flyway.password", server::password);
        registry.add("carerota.security.keys-dir", TestDatabase::keysDir);
        registry.add("carerota.security.access-notes-key", () -> TestDatabase.TEST_ACCESS_NOTES_KEY);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    /** A connection as the schema owner (a superuser: no row-level security). */
    public Connection owner() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
    }

    /** A connection as the application role, subject to row-level security. */
    public Connection application() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), DatabaseBootstrap.APP_ROLE, "");
    }

    /**
     * The tenant settings row-level security reads, for the current transaction: user
     * {@code <role>.test}, the role, the organisation and the carer (empty when null).
     */
    public static void setTenant(Connection connection, String role, @Nullable UUID organisation, @Nullable UUID carer)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select set_config('carerota.user', ?, true), set_config('carerota.role', ?, true),"
                        + " set_config('carerota.organisation_id', ?, true), set_config('carerota.carer_id', ?, true)")) {
            statement.setString(1, role.toLowerCase(Locale.ROOT) + ".test");
            statement.setString(2, role);
            statement.setString(3, organisation == null ? "" : organisation.toString());
            statement.setString(4, carer == null ? "" : carer.toString());
            statement.execute();
        }
    }

    /** Runs a script (statements separated by semicolons) as the owner, in one transaction. */
    public void scriptAsOwner(String sql) {
        try (Connection connection = owner()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("fixture script: " + e.getMessage(), e);
        }
    }

    /** Runs a script as the application role with these settings, in one transaction. */
    public void scriptAsApp(String role, @Nullable UUID organisation, String sql) {
        try (Connection connection = application()) {
            connection.setAutoCommit(false);
            setTenant(connection, role, organisation, null);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("fixture script: " + e.getMessage(), e);
        }
    }

    /** The first column of every row of {@code sql}, run as the owner. */
    public List<String> asOwner(String sql, Object... args) throws SQLException {
        try (Connection connection = owner()) {
            return firstColumn(connection, sql, args);
        }
    }

    /** The first column of every row of {@code sql}, run as the application role (rolled back). */
    public List<String> asApp(
            String role, @Nullable UUID organisation, @Nullable UUID carer, String sql, Object... args)
            throws SQLException {
        try (Connection connection = application()) {
            connection.setAutoCommit(false);
            try {
                setTenant(connection, role, organisation, carer);
                return firstColumn(connection, sql, args);
            } finally {
                connection.rollback();
            }
        }
    }

    /** Runs an update as the application role (rolled back); returns the rows changed. */
    public int updateAsApp(String role, @Nullable UUID organisation, @Nullable UUID carer, String sql, Object... args)
            throws SQLException {
        try (Connection connection = application()) {
            connection.setAutoCommit(false);
            try {
                setTenant(connection, role, organisation, carer);
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    bind(statement, args);
                    return statement.executeUpdate();
                }
            } finally {
                connection.rollback();
            }
        }
    }

    /** Runs {@code sql} as the application role with these settings, committed. */
    public void commitAsApp(String role, @Nullable UUID organisation, String sql, Object... args) throws SQLException {
        try (Connection connection = application()) {
            connection.setAutoCommit(false);
            setTenant(connection, role, organisation, null);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, args);
                statement.execute();
            }
            connection.commit();
        }
    }

    /**
     * The first row of {@code sql} as column name to text value (empty when there is none), run as
     * the application role; committed when {@code commit}, else rolled back.
     */
    public Map<String, @Nullable String> firstRow(
            String role, @Nullable UUID organisation, boolean commit, String sql, Object... args) throws SQLException {
        try (Connection connection = application()) {
            connection.setAutoCommit(false);
            try {
                setTenant(connection, role, organisation, null);
                Map<String, @Nullable String> row = new LinkedHashMap<>();
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    bind(statement, args);
                    try (ResultSet rows = statement.executeQuery()) {
                        if (rows.next()) {
                            for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                                row.put(rows.getMetaData().getColumnLabel(c), rows.getString(c));
                            }
                        }
                    }
                }
                if (commit) {
                    connection.commit();
                }
                return row;
            } finally {
                connection.rollback(); // nothing left to roll back after a commit
            }
        }
    }

    private static List<String> firstColumn(Connection connection, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }
}
