package org.carerota.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseIntegrationTests {

    @TempDir
    Path home;

    @Test
    void shouldKeepCommittedRowsWhenRestartedOnTheSameDataDirectory() throws SQLException {
        Path data = home.resolve("pgdata");
        try (EmbeddedDatabase first = EmbeddedDatabase.startPersistent(data, 0)) {
            first.ensureDatabase("carerota");
            execute(first, "create table notes (id int primary key, body text)");
            execute(first, "insert into notes values (1, 'key safe 1234')");
        }
        try (EmbeddedDatabase second = EmbeddedDatabase.startPersistent(data, 0)) {
            assertThat(queryString(second, "select body from notes where id = 1"))
                    .isEqualTo("key safe 1234");
        }
    }

    @Test
    void shouldTurnDurabilityOnWhenPersistent() throws SQLException {
        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(home.resolve("pgdata"), 0)) {
            database.ensureDatabase("carerota");
            assertThat(queryString(database, "show fsync")).isEqualTo("on");
            assertThat(queryString(database, "show synchronous_commit")).isEqualTo("on");
            assertThat(queryString(database, "show full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void shouldRefuseWhenASecondInstanceStartsOnTheSameDataDirectory() {
        Path data = home.resolve("pgdata");
        try (EmbeddedDatabase first = EmbeddedDatabase.startPersistent(data, 0)) {
            assertThatThrownBy(() -> EmbeddedDatabase.startPersistent(data, 0))
                    .isInstanceOf(EmbeddedDatabase.DataDirectoryInUseException.class)
                    .hasMessageContaining("in use by another CareRota instance");
            assertThat(first.port()).isPositive();
        }
    }

    @Test
    void shouldShareOneServerAndGiveFreshDatabasesWhenTesting() throws SQLException {
        EmbeddedDatabase server = EmbeddedDatabase.forTests();
        assertThat(EmbeddedDatabase.forTests()).isSameAs(server);
        String a = server.createDatabase("demo");
        String b = server.createDatabase("demo");
        assertThat(a).isNotEqualTo(b);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(a), server.user(), server.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(a);
        }
    }

    @Test
    void shouldRejectUnsafeDatabaseNames() {
        assertThatThrownBy(() -> EmbeddedDatabase.forTests().ensureDatabase("x; drop database postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void execute(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        database.jdbcUrl("carerota"), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryString(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        database.jdbcUrl("carerota"), database.user(), database.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
