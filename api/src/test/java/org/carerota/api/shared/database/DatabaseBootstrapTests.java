package org.carerota.api.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DatabaseBootstrapTests {

    @Test
    void shouldParseUserPasswordHostPortAndDatabaseWhenUrlCarriesThem() {
        DatabaseBootstrap.Target target =
                DatabaseBootstrap.parse("postgresql://rota:s%40cret@db.example:6543/care", null, null);
        assertThat(target).isEqualTo(new DatabaseBootstrap.Target("db.example", 6543, "care", "rota", "s@cret"));
    }

    @Test
    void shouldPreferExplicitCredentialsAndDefaultPortWhenJdbcUrlGiven() {
        DatabaseBootstrap.Target target = DatabaseBootstrap.parse("jdbc:postgresql://db/care", "app", "pw");
        assertThat(target).isEqualTo(new DatabaseBootstrap.Target("db", 5432, "care", "app", "pw"));
    }

    @Test
    void shouldRejectUrlWhenSchemeIsNotPostgres() {
        assertThatThrownBy(() -> DatabaseBootstrap.parse("mysql://db/care", "app", "pw"))
                .hasMessageContaining("scheme must be postgresql");
    }

    @Test
    void shouldRejectUrlWhenDatabaseNameMissing() {
        assertThatThrownBy(() -> DatabaseBootstrap.parse("postgresql://db:5432/", "app", "pw"))
                .hasMessageContaining("no database name");
    }

    @Test
    void shouldFailWithOneLineNamingTheSettingWhenUrlMalformed() {
        DatabaseBootstrap.Outcome outcome =
                DatabaseBootstrap.fromEnvironment(Map.of(DatabaseBootstrap.DATABASE_URL, "http://nowhere/x"));
        assertThat(outcome).isInstanceOfSatisfying(DatabaseBootstrap.Failed.class, failed -> {
            assertThat(failed.message()).startsWith("DATABASE_URL is not a PostgreSQL URL");
            assertThat(failed.message()).doesNotContain("\n");
        });
    }

    @Test
    void shouldFailFastWithOneLineWhenExternalDatabaseUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseBootstrap.Outcome outcome = DatabaseBootstrap.fromEnvironment(Map.of(
                DatabaseBootstrap.DATABASE_URL,
                "postgresql://127.0.0.1:" + closedPort + "/carerota",
                DatabaseBootstrap.DATABASE_USER,
                "app"));
        assertThat(outcome).isInstanceOfSatisfying(DatabaseBootstrap.Failed.class, failed -> {
            assertThat(failed.message())
                    .startsWith(
                            "cannot connect to the database at DATABASE_URL=jdbc:postgresql://127.0.0.1:" + closedPort);
            assertThat(failed.message()).doesNotContain("\n").doesNotContain("Exception");
        });
    }

    @Test
    void shouldFailWhenEmbeddedPortIsNotANumber() {
        DatabaseBootstrap.Outcome outcome =
                DatabaseBootstrap.fromEnvironment(Map.of(DatabaseBootstrap.DB_PORT, "fifty"));
        assertThat(outcome)
                .isEqualTo(new DatabaseBootstrap.Failed("CARE_ROTA_DB_PORT must be a port number, not 'fifty'"));
    }
}
