package org.carerota.api.shared.pagination;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.query.ScrollSubrange;

/**
 * One page of a keyset query, from a Relay request ({@code first/after} or {@code last/before}).
 * A repository asks for {@link #fetchSize()} rows after (or before) {@link #after()} in
 * {@link #direction()}, ordered by its keys; {@link #window} turns them into the page.
 *
 * @param after the keys of the row the page starts after (forward) or before (backward); null for
 *     the first page
 * @param size rows on the page
 * @param forward true for first/after, false for last/before
 */
public record Keyset(@Nullable Map<String, ?> after, int size, boolean forward) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public static Keyset of(ScrollSubrange subrange) {
        int size = subrange.count().orElse(DEFAULT_SIZE);
        if (size < 0) {
            throw new IllegalArgumentException("first/last must not be negative");
        }
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("first/last must be at most " + MAX_SIZE);
        }
        Map<String, ?> after = null;
        if (subrange.position().isPresent()) {
            ScrollPosition position = subrange.position().get();
            if (!(position instanceof KeysetScrollPosition keyset)) {
                throw new IllegalArgumentException("after/before is not a cursor of this list");
            }
            if (!keyset.isInitial()) {
                after = keyset.getKeys();
            }
        }
        return new Keyset(after, size, subrange.forward());
    }

    /** Rows to fetch: one more than the page, to know whether there is another page. */
    public int fetchSize() {
        return size + 1;
    }

    /** {@code >} forward, {@code <} backward: compare the row's keys with {@link #after()}. */
    public String comparison() {
        return forward ? ">" : "<";
    }

    /** {@code asc} forward, {@code desc} backward. */
    public String direction() {
        return forward ? "asc" : "desc";
    }

    /** The value of key {@code name} of the cursor row, as text; the cursor must carry it. */
    public String key(String name) {
        Object value = after == null ? null : after.get(name);
        if (value == null) {
            throw new IllegalArgumentException("after/before is not a cursor of this list");
        }
        return value.toString();
    }

    /** The page, in the list's order, from rows fetched in {@link #direction()}. */
    public <T> Window<T> window(List<T> fetched, Function<T, Map<String, ?>> keys) {
        boolean more = fetched.size() > size;
        List<T> page = new ArrayList<>(more ? fetched.subList(0, size) : fetched);
        if (!forward) {
            Collections.reverse(page);
        }
        List<T> content = List.copyOf(page);
        return Window.from(
                content,
                index -> forward
                        ? ScrollPosition.forward(keys.apply(content.get(index)))
                        : ScrollPosition.backward(keys.apply(content.get(index))),
                more);
    }
}
