package org.carerota.api.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Deny by default: no controller method without {@code @PreAuthorize} (see {@link Authorities}). */
@AnalyzeClasses(packages = "org.carerota.api", importOptions = ImportOption.DoNotIncludeTests.class)
class MethodSecurityArchitectureTests {

    @ArchTest
    static final ArchRule everyGraphQlHandlerIsAuthorised = methods()
            .that()
            .areAnnotatedWith(QueryMapping.class)
            .or()
            .areAnnotatedWith(MutationMapping.class)
            .or()
            .areAnnotatedWith(SubscriptionMapping.class)
            .or()
            .areAnnotatedWith(SchemaMapping.class)
            .or()
            .areAnnotatedWith(BatchMapping.class)
            .should()
            .beAnnotatedWith(PreAuthorize.class)
            .orShould()
            .beDeclaredInClassesThat()
            .areAnnotatedWith(PreAuthorize.class)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule everyWebHandlerIsAuthorised = methods()
            .that()
            .areAnnotatedWith(RequestMapping.class)
            .or()
            .areAnnotatedWith(GetMapping.class)
            .or()
            .areAnnotatedWith(PostMapping.class)
            .or()
            .areAnnotatedWith(PutMapping.class)
            .or()
            .areAnnotatedWith(PatchMapping.class)
            .or()
            .areAnnotatedWith(DeleteMapping.class)
            .should()
            .beAnnotatedWith(PreAuthorize.class)
            .orShould()
            .beDeclaredInClassesThat()
            .areAnnotatedWith(PreAuthorize.class)
            .allowEmptyShould(true);
}
