package org.carerota.infra.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** infra stands alone: no cycles, and nothing of the modules built on it. */
@AnalyzeClasses(packages = "org.carerota.infra", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("org.carerota.infra.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule dependsOnNoOtherModule = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.carerota.planner..", "org.carerota.sync..", "org.carerota.api..");
}
