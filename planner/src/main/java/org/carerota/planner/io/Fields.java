package org.carerota.planner.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Null handling for the documents' compact constructors: defaults for absent lists, clear errors for absent required fields. */
final class Fields {

    private Fields() {}

    /** Fails with a message naming the field when a required field is absent. */
    static <T> T required(@Nullable T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    /** An unmodifiable copy, empty when absent; rejects null elements with a message naming the list. */
    static <T> List<T> list(@Nullable List<T> values, String what) {
        if (values == null) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            T value = values.get(i);
            if (value == null) {
                throw new IllegalArgumentException(what + "[" + i + "] is null");
            }
            copy.add(value);
        }
        return Collections.unmodifiableList(copy);
    }

    /** Like {@link #list} but keeps "absent" (null) apart from "empty". */
    static <T> @Nullable List<T> nullableList(@Nullable List<T> values, String what) {
        return values == null ? null : list(values, what);
    }

    /** An unmodifiable copy that keeps insertion order (so that written JSON is stable), empty when absent. */
    static <K, V> Map<K, V> map(@Nullable Map<K, V> values) {
        if (values == null) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static String id(@Nullable String id) {
        return id == null ? "?" : id;
    }
}
