package org.carerota.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

class CareConstraintWeightsTests {

    @Test
    void shouldNameEveryConstraintConstantAfterItsMethod() throws Exception {
        for (var field : CareConstraintProvider.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String name = (String) field.get(null);
                assertThat(Arrays.stream(CareConstraintProvider.class.getDeclaredMethods())
                                .anyMatch(method -> method.getName().equals(name)))
                        .as(name)
                        .isTrue();
                assertThat(CareConstraintWeights.isConstraint(name)).as(name).isTrue();
            }
        }
        assertThat(new CareConstraintWeights().asMap()).hasSize(CareConstraintWeights.DEFINITIONS.size());
    }

    @Test
    void shouldKeepLevelWhenWeightOverridden() {
        CareConstraintWeights weights = new CareConstraintWeights()
                .withOverrides(Map.of("travelTime", 3, "missingSkill", 7.4, "unassignedVisit", 0));
        assertThat(weights.weight("travelTime")).isEqualTo(HardMediumSoftLongScore.ofSoft(3));
        assertThat(weights.weight("missingSkill")).isEqualTo(HardMediumSoftLongScore.ofHard(7));
        assertThat(weights.weight("unassignedVisit")).isEqualTo(HardMediumSoftLongScore.ZERO);
        assertThat(weights.weight("bannedCarer")).isEqualTo(HardMediumSoftLongScore.ofHard(100));
    }

    @Test
    void shouldSetEveryConstraintOfGroupWhenGroupNameGiven() {
        CareConstraintWeights weights =
                new CareConstraintWeights().withOverrides(Map.of("continuity", 5, "nonRegularCarer", 9));
        assertThat(weights.weight("distinctCarersPerWeek")).isEqualTo(HardMediumSoftLongScore.ofSoft(5));
        assertThat(weights.weight("nonRegularCarer")).isEqualTo(HardMediumSoftLongScore.ofSoft(9));
    }

    @Test
    void shouldIgnoreUnknownNamesButReportThem() {
        Map<String, Integer> overrides = Map.of("noSuchConstraint", 5);
        assertThat(new CareConstraintWeights().withOverrides(overrides).asMap())
                .isEqualTo(new CareConstraintWeights().asMap());
        assertThat(CareConstraintWeights.unknownNames(overrides)).containsExactly("noSuchConstraint");
    }

    @Test
    void shouldRejectNegativeWeight() {
        assertThatThrownBy(() -> new CareConstraintWeights().withOverrides(Map.of("travelTime", -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("travelTime");
    }
}
