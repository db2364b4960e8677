package org.carerota.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.carerota.planner.generator.RegionGenerator;
import org.carerota.planner.io.ProblemDocument;
import org.junit.jupiter.api.Test;

class DemoRegionTests {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private final ProblemDocument region = RegionGenerator.generate(RegionGenerator.Size.S, 7, MONDAY, 2);

    @Test
    void shouldGiveEqualRowsWhenTheSameRegionIsMappedTwice() {
        assertThat(DemoRegion.tables(region)).isEqualTo(DemoRegion.tables(region));
    }

    @Test
    void shouldEmitParentsBeforeChildrenWhenOrderingTables() {
        List<String> order =
                DemoRegion.tables(region).stream().map(DemoRegion.Table::name).toList();
        assertThat(order.indexOf("organisations")).isLessThan(order.indexOf("staff_pools"));
        assertThat(order.indexOf("staff_pools")).isLessThan(order.indexOf("carers"));
        assertThat(order.indexOf("areas")).isLessThan(order.indexOf("service_users"));
        assertThat(order.indexOf("visit_templates")).isLessThan(order.indexOf("visits"));
        assertThat(order.indexOf("visits")).isLessThan(order.indexOf("visit_required_skills"));
    }

    @Test
    void shouldMapEveryVisitCarerAndServiceUserWhenBuildingRows() {
        Map<String, DemoRegion.Table> tables = byName();
        assertThat(tables.get("visits").rows()).hasSize(region.visits().size());
        assertThat(tables.get("carers").rows()).hasSize(region.carers().size());
        assertThat(tables.get("service_users").rows())
                .hasSize(region.serviceUsers().size());
    }

    @Test
    void shouldGiveEveryVisitTheOrganisationOfItsServiceUserWhenMapping() {
        Map<String, DemoRegion.Table> tables = byName();
        Map<Object, Object> serviceUserOrganisation = new java.util.HashMap<>();
        tables.get("service_users")
                .rows()
                .forEach(row -> serviceUserOrganisation.put(row.get("id"), row.get("organisation_id")));
        assertThat(tables.get("visits").rows()).allSatisfy(row -> assertThat(row.get("organisation_id"))
                .isEqualTo(serviceUserOrganisation.get(row.get("service_user_id"))));
    }

    @Test
    void shouldRebuildOneTemplatePerGeneratedPackageVisitWhenDaysRepeat() {
        Map<String, DemoRegion.Table> tables = byName();
        Set<String> templateKeys = new HashSet<>();
        region.visits().forEach(visit -> templateKeys.add(DemoRegion.templateKeyOf(visit.id())));
        assertThat(tables.get("visit_templates").rows()).hasSize(templateKeys.size());
        assertThat(DemoRegion.templateKeyOf("V-000123-D4")).isEqualTo("V-000123");
    }

    @Test
    void shouldListColumnNamesWhenGivenDefinitions() {
        assertThat(DemoRegionLoader.columnNames("id uuid, days_of_week smallint[], pay_rate numeric"))
                .isEqualTo("id, days_of_week, pay_rate");
    }

    private Map<String, DemoRegion.Table> byName() {
        Map<String, DemoRegion.Table> tables = new java.util.LinkedHashMap<>();
        DemoRegion.tables(region).forEach(table -> tables.put(table.name(), table));
        return tables;
    }
}
