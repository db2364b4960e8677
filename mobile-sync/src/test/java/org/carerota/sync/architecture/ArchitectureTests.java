package org.carerota.sync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** mobile-sync's shape: feature packages without cycles, protocol records free of infrastructure. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.carerota.sync");

    @Test
    void shouldHaveNoCyclesBetweenFeaturePackages() {
        slices().matching("org.carerota.sync.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void shouldKeepFeaturePackagesIndependentOfTheFacade() {
        noClasses()
                .that()
                .resideInAPackage("org.carerota.sync.(*)..")
                .and()
                .resideOutsideOfPackage("org.carerota.sync")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.carerota.sync")
                .check(CLASSES);
    }

    @Test
    void shouldKeepProtocolRecordsFreeOfDatabaseAndJsonLibraries() {
        noClasses()
                .that()
                .resideInAPackage("org.carerota.sync.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.r2dbc..", "org.springframework..", "tools.jackson..", "reactor..")
                .check(CLASSES);
    }

    @Test
    void shouldNotDependOnWebGraphQlOrThePlanner() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..",
                        "org.springframework.graphql..",
                        "org.carerota.planner..",
                        "org.optaplanner..")
                .check(CLASSES);
    }

    @Test
    void shouldMakeProtocolTypesRecordsOrEnums() {
        classes()
                .that()
                .resideInAPackage("org.carerota.sync.protocol")
                .and()
                .areNotAnonymousClasses()
                .and()
                .doNotHaveSimpleName("SchemaVersions")
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .beRecords()
                .orShould()
                .beEnums()
                .check(CLASSES);
    }
}
