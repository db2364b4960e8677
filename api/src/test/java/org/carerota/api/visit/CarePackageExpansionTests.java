package org.carerota.api.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.carerota.api.visit.VisitCommands.CreateCarePackageInput;
import org.carerota.api.visit.VisitCommands.VisitTemplateInput;
import org.junit.jupiter.api.Test;

class CarePackageExpansionTests {

    static VisitTemplateInput template(List<Integer> days, int everyWeeks, LocalTime start) {
        return new VisitTemplateInput(null, days, everyWeeks, start, start.plusHours(1), null, 30, 1, null, null, null);
    }

    static CreateCarePackageInput pack(LocalDate startsOn, VisitTemplateInput... templates) {
        return new CreateCarePackageInput(
                UUID.randomUUID(), UUID.randomUUID(), startsOn, null, null, List.of(templates), null, null);
    }

    @Test
    void shouldExpandOnlyTheTemplatesDaysWhenExpandingAWeek() {
        CreateCarePackageInput in = pack(LocalDate.of(2026, 11, 23), template(List.of(1, 3, 5), 1, LocalTime.of(8, 0)));
        List<VisitCommandService.NewVisit> visits =
                VisitCommandService.expand(in, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29));
        assertThat(visits)
                .extracting(v -> v.windowStart().toLocalDate().getDayOfWeek().getValue())
                .containsExactly(1, 3, 5);
    }

    @Test
    void shouldSkipAlternateWeeksWhenEveryTwoWeeksCountedFromThePackagesFirstMonday() {
        // starts on a Wednesday: week 0 is the week of Monday 23 November
        CreateCarePackageInput in = pack(LocalDate.of(2026, 11, 25), template(List.of(1), 2, LocalTime.of(9, 0)));
        List<VisitCommandService.NewVisit> visits =
                VisitCommandService.expand(in, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 12, 20));
        assertThat(visits)
                .extracting(v -> v.windowStart().toLocalDate().toString())
                .containsExactly("2026-12-07");
    }

    @Test
    void shouldKeepTheWallClockTimeWhenTheClocksChange() {
        CreateCarePackageInput in = pack(LocalDate.of(2027, 3, 27), template(List.of(6, 7, 1), 1, LocalTime.of(8, 0)));
        List<VisitCommandService.NewVisit> visits =
                VisitCommandService.expand(in, LocalDate.of(2027, 3, 27), LocalDate.of(2027, 3, 29));
        assertThat(visits)
                .extracting(v -> v.windowStart().toString())
                .containsExactly("2027-03-27T08:00Z", "2027-03-28T08:00+01:00", "2027-03-29T08:00+01:00");
    }
}
