package org.carerota.planner.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.carerota.planner.generator.RegionGenerator.Size;
import org.carerota.planner.io.PayModel;
import org.carerota.planner.io.Priority;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.ProblemJson;
import org.carerota.planner.io.ProblemValidator;
import org.carerota.planner.io.Sector;
import org.carerota.planner.io.TravelMode;
import org.junit.jupiter.api.Test;

class RegionGeneratorTests {

    /** A Monday. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 1, 5);

    @Test
    void shouldWriteByteIdenticalJsonWhenSeedAndSizeAreTheSame() {
        String first = ProblemJson.write(RegionGenerator.generate(Size.S, 42, MONDAY, 7));
        String second = ProblemJson.write(RegionGenerator.generate(Size.S, 42, MONDAY, 7));

        assertThat(first).isEqualTo(second);
    }

    @Test
    void shouldDifferWhenSeedDiffers() {
        ProblemDocument a = RegionGenerator.generate(Size.S, 42, MONDAY, 1);
        ProblemDocument b = RegionGenerator.generate(Size.S, 43, MONDAY, 1);

        assertThat(ProblemJson.write(a)).isNotEqualTo(ProblemJson.write(b));
        assertThat(a.carers().get(0).home()).isNotEqualTo(b.carers().get(0).home());
    }

    @Test
    void shouldHaveTheBenchmarkSizesWhenDayOneIsAWeekday() {
        for (Size size : Size.values()) {
            ProblemDocument region = RegionGenerator.generate(size, 7, MONDAY, 1);

            assertThat(region.carers()).as(size.name()).hasSize(size.carers());
            assertThat(region.visits()).as(size.name()).hasSize(size.visitsPerDay());
            assertThat(ProblemValidator.validate(region)).as(size.name()).isEmpty();
        }
    }

    @Test
    void shouldPassTheValidatorAndRoundTripWhenRegionSpansAWeek() {
        ProblemDocument week = RegionGenerator.generate(Size.M, 11, MONDAY, 7);

        assertThat(ProblemValidator.validate(week)).isEmpty();
        assertThat(week.horizon()).isEqualTo(new ProblemDocument.Horizon(MONDAY, MONDAY.plusDays(6)));
        assertThat(ProblemJson.read(ProblemJson.write(week))).isEqualTo(week);
        Map<LocalDate, Long> perDay = week.visits().stream()
                .collect(Collectors.groupingBy(ProblemDocument.Visit::date, TreeMap::new, Collectors.counting()));
        assertThat(perDay).hasSize(7);
        assertThat(perDay.values()).allSatisfy(count -> assertThat(count).isBetween(1_400L, 1_500L));
        assertThat(perDay.get(MONDAY.plusDays(5))).isLessThan(1_500L);
    }

    @Test
    void shouldHaveTenToFifteenPercentDoubleUpsAndTimeCriticalMedication() {
        for (long seed = 1; seed <= 5; seed++) {
            ProblemDocument region = RegionGenerator.generate(Size.S, seed, MONDAY, 1);
            long doubles = region.visits().stream()
                    .filter(v -> v.carersRequired() == 2)
                    .count();

            assertThat(doubles / (double) region.visits().size()).isBetween(0.10, 0.15);
            assertThat(region.visits().stream()
                            .filter(v -> v.priority() == Priority.TIME_CRITICAL)
                            .filter(v -> v.requiredSkills().contains("medication")
                                    || v.requiredSkills().contains("insulin")))
                    .isNotEmpty();
        }
    }

    @Test
    void shouldKeepVisitsInsideTheirSlotsWithDurationsOfFifteenToSixtyMinutes() {
        ProblemDocument region = RegionGenerator.generate(Size.M, 3, MONDAY, 2);

        assertThat(region.visits()).allSatisfy(visit -> {
            assertThat(visit.durationMinutes()).isBetween(15.0, 60.0);
            assertThat(visit.windowStart().toLocalTime()).isAfterOrEqualTo(LocalTime.of(7, 0));
            assertThat(visit.windowEnd().toLocalTime()).isBeforeOrEqualTo(LocalTime.of(22, 0));
            assertThat(visit.windowEnd()).isAfter(visit.windowStart());
            assertThat(visit.preferredStart()).isBetween(visit.windowStart(), visit.windowEnd());
            assertThat(visit.id()).matches("V-\\d{6}-D[12]");
            if (visit.priority() == Priority.TIME_CRITICAL) {
                assertThat(Duration.between(visit.windowStart(), visit.windowEnd())
                                .toMinutes())
                        .isBetween(30L, 60L);
            }
        });
        assertThat(region.visits())
                .anySatisfy(visit -> assertThat(visit.dependsOn()).isNotNull());
    }

    @Test
    void shouldHoldTheRegionsPoolsSkillsTravelModesPayAndPreferences() {
        ProblemDocument region = RegionGenerator.generate(Size.M, 5, MONDAY, 7);

        assertThat(region.pools()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(region.pools()).extracting(ProblemDocument.Pool::sector).contains(Sector.HEALTH, Sector.SOCIAL_CARE);
        assertThat(region.commissioners())
                .extracting(ProblemDocument.Commissioner::name)
                .contains("Norfolk County Council", "NHS Norfolk and Waveney ICB", "Self-funded");
        assertThat(region.skills())
                .extracting(ProblemDocument.Skill::category)
                .contains("PERSONAL_CARE", "MEDICATION", "MOVING_AND_HANDLING", "DELEGATED_CLINICAL");
        assertThat(region.carers())
                .extracting(ProblemDocument.Carer::travelMode)
                .contains(TravelMode.CAR, TravelMode.WALK, TravelMode.BICYCLE, TravelMode.PUBLIC_TRANSPORT);
        assertThat(region.carers())
                .extracting(c -> c.pay().model())
                .contains(PayModel.HOURLY, PayModel.PER_VISIT, PayModel.PER_CONTACT_HOUR);
        assertThat(region.carers()).anySatisfy(c -> assertThat(c.absences()).isNotEmpty());
        assertThat(region.carers())
                .flatExtracting(ProblemDocument.Carer::skills)
                .anySatisfy(skill -> assertThat(skill.validUntil()).isNotNull());
        assertThat(region.serviceUsers())
                .anySatisfy(u -> assertThat(u.genderPreference()).isNotNull());
        assertThat(region.serviceUsers())
                .anySatisfy(u -> assertThat(u.preferredCarers()).isNotEmpty());
        assertThat(region.serviceUsers())
                .anySatisfy(u -> assertThat(u.bannedCarers()).isNotEmpty());
        assertThat(region.serviceUsers().stream()
                        .filter(u -> !u.regularCarers().isEmpty())
                        .count())
                .isGreaterThan(region.serviceUsers().size() / 2);
        Set<String> areas = region.serviceUsers().stream()
                .map(ProblemDocument.ServiceUser::area)
                .collect(Collectors.toSet());
        assertThat(areas).contains("Norwich", "Great Yarmouth", "Lowestoft", "King's Lynn", "Thetford");
        assertThat(region.serviceUsers()).allSatisfy(u -> {
            assertThat(u.location().lat()).isBetween(52.2, 53.1);
            assertThat(u.location().lon()).isBetween(0.1, 1.95);
        });
    }

    @Test
    void shouldOfferEnoughCarerTimeAndLocalEligibleCarersForEveryVisit() {
        ProblemDocument region = RegionGenerator.generate(Size.S, 42, MONDAY, 7);
        Map<String, ProblemDocument.Pool> pools =
                region.pools().stream().collect(Collectors.toMap(ProblemDocument.Pool::id, p -> p));
        Map<String, ProblemDocument.ServiceUser> users =
                region.serviceUsers().stream().collect(Collectors.toMap(ProblemDocument.ServiceUser::id, u -> u));
        Map<LocalDate, Double> offered = new HashMap<>();
        Map<LocalDate, Double> needed = new HashMap<>();
        for (ProblemDocument.Carer carer : region.carers()) {
            for (ProblemDocument.Shift shift : carer.shifts()) {
                offered.merge(
                        shift.start().toLocalDate(),
                        (double) Duration.between(shift.start(), shift.end()).toMinutes(),
                        Double::sum);
            }
        }
        for (ProblemDocument.Visit visit : region.visits()) {
            needed.merge(visit.date(), visit.durationMinutes() * visit.carersRequired(), Double::sum);
            ProblemDocument.Location home = users.get(visit.serviceUser()).location();
            long eligible = region.carers().stream()
                    .filter(c -> RegionGenerator.kmBetween(c.home(), home) <= RegionGenerator.LOCAL_KM)
                    .filter(c -> visit.requiredSkills().stream().allMatch(s -> c.holdsSkillOn(s, visit.date())))
                    .filter(c -> pools.get(c.pool()).mayServe(visit.commissioner()))
                    .count();
            assertThat(eligible).as(visit.id()).isGreaterThanOrEqualTo(visit.carersRequired());
        }
        assertThat(needed)
                .allSatisfy((day, minutes) ->
                        assertThat(offered.get(day)).as(day.toString()).isGreaterThan(1.5 * minutes));
    }

    @Test
    void shouldRejectDaysOutsideOneToSeven() {
        assertThatThrownBy(() -> RegionGenerator.generate(Size.S, 1, MONDAY, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("days must be 1 to 7");
        assertThatThrownBy(() -> RegionGenerator.generate(Size.S, 1, MONDAY, 8))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
