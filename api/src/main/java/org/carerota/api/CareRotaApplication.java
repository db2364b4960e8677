package org.carerota.api;

import org.carerota.api.shared.database.DatabaseBootstrap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts CareRota: the database first (embedded unless {@code DATABASE_URL} is set), then the
 * application. The embedded default runs with the {@code demo} profile: the demo region and the
 * demo users.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CareRotaApplication {

    public static void main(String[] args) {
        DatabaseBootstrap.Outcome outcome = DatabaseBootstrap.fromEnvironment(System.getenv());
        if (outcome instanceof DatabaseBootstrap.Failed failed) {
            System.err.println("CareRota cannot start: " + failed.message());
            System.exit(1);
            return;
        }
        DatabaseBootstrap.Ready database = (DatabaseBootstrap.Ready) outcome;
        SpringApplication application = new SpringApplication(CareRotaApplication.class);
        application.setDefaultProperties(database.springProperties());
        if (database.embedded()) {
            application.setAdditionalProfiles("demo");
        }
        application.run(args);
    }
}
