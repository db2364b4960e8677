package org.carerota.api.rota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.carerota.api.demo.DemoRegionFixture;
import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.support.ApiTest;
import org.carerota.planner.CarePlanner;
import org.carerota.planner.SolveOptions;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.ProblemValidator;
import org.carerota.planner.io.SolutionDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProblemLoaderIntegrationTests extends ApiTest {

    @Autowired
    ProblemLoader loader;

    @Test
    void shouldBuildAValidProblemWithTheAreasVisitsWhenLoadingADay() {
        ProblemDocument problem = load("Norwich", DemoRegionFixture.MONDAY);
        assertThat(ProblemValidator.validate(problem)).isEmpty();
        assertThat(problem.visits()).isNotEmpty();
        assertThat(problem.visits())
                .allSatisfy(visit -> assertThat(visit.date()).isEqualTo(DemoRegionFixture.MONDAY));
        assertThat(problem.carers()).isNotEmpty();
        assertThat(problem.horizon())
                .isEqualTo(new ProblemDocument.Horizon(DemoRegionFixture.MONDAY, DemoRegionFixture.MONDAY));
    }

    @Test
    void shouldSolveTheLoadedDayWithoutHardViolationsWhenGivenAFewSeconds() {
        ProblemDocument problem = load("Norwich", DemoRegionFixture.MONDAY);
        SolutionDocument solution = CarePlanner.solve(problem, SolveOptions.seconds(3));
        assertThat(solution.feasible()).isTrue();
        long placed = solution.shifts().stream()
                .mapToLong(shift -> shift.visits().size())
                .sum();
        assertThat(placed).isPositive();
    }

    @Test
    void shouldGiveAnEmptyProblemWhenTheAreaHasNoVisitsThatDay() {
        ProblemDocument problem = load("Norwich", LocalDate.of(2027, 1, 4));
        assertThat(problem.visits()).isEmpty();
        assertThat(problem.carers()).isEmpty();
        SolutionDocument solution = CarePlanner.solve(problem, SolveOptions.seconds(1));
        assertThat(solution.unassigned()).isEmpty();
    }

    private ProblemDocument load(String town, LocalDate day) {
        UUID provider = DemoRegionFixture.organisation("demo:provider-norfolk");
        UUID area = DemoRegionFixture.area(town);
        return transactions
                .readAs(TenantContext.SYSTEM, db -> loader.load(db, provider, area, day, day))
                .blockOptional()
                .orElseThrow();
    }
}
