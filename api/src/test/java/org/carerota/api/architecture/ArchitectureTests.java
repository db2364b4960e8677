package org.carerota.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The api's package boundaries (STYLE.md, "Modules and allowed dependencies"). */
@AnalyzeClasses(packages = "org.carerota.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** Features depend on shared/, never on each other in a circle. */
    @ArchTest
    static final ArchRule featuresHaveNoCycles =
            slices().matching("org.carerota.api.(*)..").should().beFreeOfCycles();

    /**
     * The planning model stays in rota/: the planning Visit and the GraphQL Visit never meet. The
     * demo loader may read the planner's problem format and region generator (not its domain).
     */
    @ArchTest
    static final ArchRule onlyRotaUsesThePlanningModel = noClasses()
            .that()
            .resideOutsideOfPackages("org.carerota.api.rota..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.carerota.planner.domain..",
                    "org.carerota.planner.solver..",
                    "org.carerota.planner.replan..",
                    "org.carerota.planner.explain..",
                    "org.carerota.planner.mapping..",
                    "org.carerota.planner.vrptw..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule plannerIoOnlyInRotaAndDemo = noClasses()
            .that()
            .resideOutsideOfPackages("org.carerota.api.rota..", "org.carerota.api.demo..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.carerota.planner..")
            .allowEmptyShould(true);

    /** Controllers map; services own rules and transactions; only services reach repositories. */
    @ArchTest
    static final ArchRule controllersReachDataOnlyThroughServices = noClasses()
            .that()
            .haveSimpleNameEndingWith("Controller")
            .should()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Repository")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.r2dbc.core.DatabaseClient")
            .allowEmptyShould(true);
}
