package org.carerota.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.carerota.api.shared.database.DatabaseBootstrap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default connects the application as carerota_app and migrates as the owner. */
class ApplicationRoleBootstrapIntegrationTests {

    @Test
    void shouldConnectAsApplicationRoleAndMigrateAsOwnerWhenEmbedded(@TempDir Path home) {
        DatabaseBootstrap.Outcome outcome = DatabaseBootstrap.fromEnvironment(
                Map.of(DatabaseBootstrap.DATA_DIR, home.resolve("pgdata").toString()));
        assertThat(outcome).isInstanceOf(DatabaseBootstrap.Ready.class);
        DatabaseBootstrap.Ready ready = (DatabaseBootstrap.Ready) outcome;
        try {
            assertThat(ready.springProperties())
                    .containsEntry("spring.r2dbc.username", "carerota_app")
                    .containsEntry("spring.flyway.user", "postgres");
        } finally {
            if (ready.server() != null) {
                ready.server().close();
            }
        }
    }
}
