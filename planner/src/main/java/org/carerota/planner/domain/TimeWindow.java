package org.carerota.planner.domain;

/**
 * A visit's window for its start, in ticks: it may start from {@code start}; it should (or, if time-critical, must)
 * start by {@code end}.
 */
public record TimeWindow(long start, long end) {
    public TimeWindow {
        if (end < start) {
            throw new IllegalArgumentException("window ends (" + end + ") before it starts (" + start + ")");
        }
    }
}
