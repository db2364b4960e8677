package org.carerota.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.carerota.planner.vrptw.VrptwSolver;
import org.junit.jupiter.api.Test;

class SolvingTests {

    @Test
    void shouldPrintTheVrptwResultAsOneLineOfJsonWithTheFourDocumentedKeys() {
        VrptwSolver.Result result = new VrptwSolver.Result(
                "C101", 2, 828.9368669428338, List.of(List.of(5, 3), List.of(7)), true, "0hard/0soft");

        assertThat(Solving.json(result))
                .isEqualTo(
                        "{\"instance\":\"C101\",\"vehicles\":2,\"distance\":828.9368669428338,\"routes\":[[5,3],[7]]}");
    }

    @Test
    void shouldEscapeQuotesAndControlCharactersInNames() {
        assertThat(Solving.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
