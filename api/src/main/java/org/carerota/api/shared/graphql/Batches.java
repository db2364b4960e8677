package org.carerota.api.shared.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/** Builds the source → value maps that {@code @BatchMapping} methods return. */
public final class Batches {

    private Batches() {}

    /** Maps each source to its value; sources whose value is null are left out (GraphQL null). */
    public static <S, V> Map<S, V> each(List<S> sources, Function<S, @Nullable V> value) {
        Map<S, V> result = new LinkedHashMap<>();
        for (S source : sources) {
            V v = value.apply(source);
            if (v != null) {
                result.put(source, v);
            }
        }
        return result;
    }
}
